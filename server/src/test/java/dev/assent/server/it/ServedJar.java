package dev.assent.server.it;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar serving on a loopback port, its stdout and stderr in files: for the tests of what
 * an operator sees of a running process (its log lines, its stop). The launch is CommandLineIT's
 * ({@code java -jar target/assent.jar} with the ASSENT_ variables of the test only), copied until the
 * test launchers are one.
 */
final class ServedJar implements AutoCloseable {

    static final Path JAR = Path.of("target", "assent.jar");

    final Process process;
    final int port;
    final Path stdout;
    final Path stderr;

    private ServedJar(Process process, int port, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_"));
        builder.environment().putAll(env);
        return builder;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code args} (e.g. {@code dev} or {@code serve}) on {@code port} and waits until {@code /health/ready} is 200. */
    static ServedJar start(Path dir, int port, Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = command(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        ServedJar jar = new ServedJar(process, port, out, err);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(jar.base() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return jar;
                }
            } catch (IOException notYetListening) {
                // and 503 until the workers have started
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        jar.close();
        throw new AssertionError("the jar did not become ready: " + jar.stderrText());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String stdoutText() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderrText() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits at most {@code timeout} for stderr to contain {@code text}. */
    boolean awaitStderr(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderrText().contains(text)) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return stderrText().contains(text);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
