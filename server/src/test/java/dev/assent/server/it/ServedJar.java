package dev.assent.server.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar serving on a loopback port, its stdout and stderr in files: for the tests of what
 * an operator sees of a running process (its log lines, its stop), launched by {@link AssentJar}.
 */
final class ServedJar implements AutoCloseable {

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

    /** Starts {@code args} (e.g. {@code dev} or {@code serve}) on {@code port} and waits until {@code /health/ready} is 200. */
    static ServedJar start(Path dir, int port, Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = AssentJar.command(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        ServedJar jar = new ServedJar(process, port, out, err);
        HttpResponse<String> ready = AssentJar.awaitAnswer(process, AssentJar.get(port, "/health/ready"), r -> r.statusCode() == 200,
                Duration.ofSeconds(90));
        if (ready != null && ready.statusCode() == 200) {
            return jar;
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
