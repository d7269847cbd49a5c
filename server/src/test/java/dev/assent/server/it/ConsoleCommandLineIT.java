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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enabling rules as users meet them in the packaged jar: on in dev, off in serve unless asked for. */
class ConsoleCommandLineIT {

    private static final Path JAR = Path.of("target", "assent.jar");

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newHttpClient();

    private record Started(int consoleStatus, String stdout) {
    }

    /** Starts the jar, waits (with a deadline) until it answers, fetches /console, and stops it. */
    private Started run(Map<String, String> extraEnv, String... args) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_HOST", "127.0.0.1", "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("test1")));
        env.putAll(extraEnv);
        Path out = Files.createTempFile(dataDir, "stdout", ".txt");
        Process process = command(env, args).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String base = "http://127.0.0.1:" + port;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.discarding());
                    break;
                } catch (IOException notYetListening) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertThat(process.isAlive()).as("assent %s is running", String.join(" ", args)).isTrue();
            int status = client.send(HttpRequest.newBuilder(URI.create(base + "/console")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            // dev prints its banner just after the port opens: wait for its last line, with the same deadline.
            String stdout = Files.readString(out);
            while (args[0].equals("dev") && !stdout.contains("ASSENT_AUTH_TOKEN") && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(50);
                stdout = Files.readString(out);
            }
            return new Started(status, stdout);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_"));
        builder.environment().putAll(env);
        return builder;
    }

    @Test
    void serveKeepsTheConsoleOffByDefault() throws Exception {
        assertThat(run(Map.of(), "serve").consoleStatus()).isEqualTo(404);
    }

    @Test
    void serveTurnsTheConsoleOnWithTheFlagOrTheEnvironment() throws Exception {
        assertThat(run(Map.of(), "serve", "--console").consoleStatus()).isEqualTo(200);
        assertThat(run(Map.of("ASSENT_CONSOLE", "true"), "serve").consoleStatus()).isEqualTo(200);
    }

    @Test
    void serveRefusesAnUnclearConsoleSetting() throws Exception {
        Process process = command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PUBLIC_URL", "http://127.0.0.1:1",
                "ASSENT_CONSOLE", "yes"), "serve").start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("ASSENT_CONSOLE must be true or false").doesNotContain("at dev.assent");
    }

    @Test
    void devModeServesTheConsoleAndPrintsWhereItIs() throws Exception {
        Started dev = run(Map.of(), "dev");
        assertThat(dev.consoleStatus()).isEqualTo(200);
        assertThat(dev.stdout()).containsPattern("Developer console: http://127\\.0\\.0\\.1:\\d+/console");
    }
}
