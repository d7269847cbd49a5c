package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enabling rules as users meet them in the packaged jar: on in dev, off in serve unless asked for. */
class ConsoleCommandLineIT {

    @TempDir
    Path dataDir;

    private record Started(int consoleStatus, String stdout) {
    }

    /** Starts the jar, waits (with a deadline) until it answers, fetches /console, and stops it. */
    private Started run(Map<String, String> extraEnv, String... args) throws Exception {
        int port = AssentJar.freePort();
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_HOST", "127.0.0.1", "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("test1")));
        env.putAll(extraEnv);
        Path out = Files.createTempFile(dataDir, "stdout", ".txt");
        Process process = AssentJar.command(env, args).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            AssentJar.awaitAnswer(process, AssentJar.get(port, "/healthz"), answered -> true, Duration.ofSeconds(60));
            assertThat(process.isAlive()).as("assent %s is running", String.join(" ", args)).isTrue();
            HttpResponse<String> console = AssentJar.awaitAnswer(process, AssentJar.get(port, "/console"), answered -> true,
                    Duration.ofSeconds(10));
            assertThat(console).as("/console answered").isNotNull();
            // dev prints its banner just after the port opens: wait for its last line.
            String stdout = args[0].equals("dev") ? AssentJar.awaitOutput(out, "ASSENT_AUTH_TOKEN", Duration.ofSeconds(60))
                    : Files.readString(out);
            return new Started(console.statusCode(), stdout);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
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
        AssentJar.Run run = AssentJar.run(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PUBLIC_URL", "http://127.0.0.1:1",
                "ASSENT_CONSOLE", "yes"), "serve");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr()).contains("invalid ASSENT_CONSOLE=").contains("expected true or false").doesNotContain("at dev.assent");
    }

    @Test
    void devModeServesTheConsoleAndPrintsWhereItIs() throws Exception {
        Started dev = run(Map.of(), "dev");
        assertThat(dev.consoleStatus()).isEqualTo(200);
        assertThat(dev.stdout()).containsPattern("Developer console: http://127\\.0\\.0\\.1:\\d+/console");
        assertThat(dev.stdout()).containsPattern("for passkeys open it at http://localhost:\\d+/console ");
    }
}
