package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged jar ({@code target/assent.jar}, built by {@code package}) as users run it: started by the
 * JVM that runs the tests, with the tests' own {@code ASSENT_*} variables removed and only the given
 * ones set, so each test says exactly how the jar is configured.
 */
final class AssentJar {

    static final Path JAR = Path.of("target", "assent.jar");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AssentJar() {
    }

    /** What a command that ran to its end left: its exit code, its stdout lines and its stderr. */
    record Run(int exitCode, List<String> stdout, String stderr) {
        /** What the command told the user on stderr ({@code assent: …}), its log lines aside. */
        List<String> messages() {
            return stderr.lines().filter(l -> l.startsWith("assent: ")).toList();
        }
    }

    /** {@code java -jar assent.jar args…} with exactly {@code env} as its {@code ASSENT_*} variables. */
    static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return withEnvironment(new ProcessBuilder(command), env);
    }

    /**
     * The same, run by {@code bash} after {@code shellPrefix} (e.g. {@code "ulimit -n 256; "}), which
     * applies to the jar's process as it {@code exec}s it.
     */
    static ProcessBuilder commandInShell(String shellPrefix, Map<String, String> env, String... args) {
        StringBuilder command = new StringBuilder(shellPrefix).append("exec '").append(java()).append("' -jar '")
                .append(JAR.toAbsolutePath()).append("'");
        for (String arg : args) {
            command.append(' ').append(arg);
        }
        return withEnvironment(new ProcessBuilder("bash", "-c", command.toString()), env);
    }

    /** Runs the command to its end (60 s at most) and collects what it wrote. */
    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process process = command(env, args).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("assent %s ended", String.join(" ", args)).isTrue();
        List<String> stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), stdout, stderr);
    }

    /** A loopback port free just now, for a jar told to listen on it. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Sends {@code request} to the started jar until an answer satisfies {@code done}, the process ends or
     * {@code within} has passed, 100 ms apart; returns the last answer, or null if it never answered.
     */
    static HttpResponse<String> awaitAnswer(Process process, HttpRequest request, Predicate<HttpResponse<String>> done,
            Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        HttpResponse<String> response = null;
        while ((response == null || !done.test(response)) && Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYetListening) {
                // not listening yet, or the request timed out
            }
            if (response == null || !done.test(response)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return response;
    }

    /** The file the jar's stdout goes to, once it contains {@code expected} or {@code within} has passed (50 ms apart). */
    static String awaitOutput(Path out, String expected, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String output = Files.readString(out);
        while (!output.contains(expected) && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(50);
            output = Files.readString(out);
        }
        return output;
    }

    /** A request to the jar's loopback listener, bounded (a full backlog must not stall a wait). */
    static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static ProcessBuilder withEnvironment(ProcessBuilder builder, Map<String, String> env) {
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_"));
        builder.environment().putAll(env);
        return builder;
    }
}
