package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.it.AssentJar.Run;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar's configuration: loaded once from flags, environment and file, refused whole, logged redacted. */
class ConfigCommandLineIT {

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ASSENT_PORT | abc | assent: invalid ASSENT_PORT='abc': expected a port number (0 to 65535)",
        "ASSENT_SHUTDOWN_GRACE | soon | assent: invalid ASSENT_SHUTDOWN_GRACE='soon': expected a duration from 0 to 1h such as "
                + "500ms, 20s, 10m, 24h, 30d or PT20S",
        "ASSENT_OUTBOUND_ALLOW_HTTP | maybe | assent: invalid ASSENT_OUTBOUND_ALLOW_HTTP='maybe': expected true or false",
    })
    void aBadValueStopsServeWithExitTwoNamingItBeforeTheDatabaseOrThePortOpens(String variable, String value, String message)
            throws Exception {
        Path dataDir = tempDir.resolve("data");
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", dataDir.toString(),
                "ASSENT_PUBLIC_URL", "http://127.0.0.1:1", "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("test1"),
                "ASSENT_PORT", Integer.toString(AssentJar.freePort())));
        env.put(variable, value);

        Run run = AssentJar.run(env, "serve");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.messages()).containsExactly(message);
        assertThat(run.stderr()).doesNotContain("at dev.assent", "For input string", "configuration:");
        // The embedded database creates its directory when it opens, and the port opens after it.
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aBadValueInTheConfigFileIsNamedWithItsOrigin() throws Exception {
        Path file = Files.writeString(tempDir.resolve("assent.properties"), "ASSENT_HTTP_IDLE_TIMEOUT=1m\n");
        Run run = AssentJar.run(Map.of("ASSENT_DATA_DIR", tempDir.resolve("data").toString()), "migrate", "--config", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.messages()).containsExactly(
                "assent: invalid ASSENT_HTTP_IDLE_TIMEOUT='1m' (from the config file): expected a whole number of at least 1");
        assertThat(tempDir.resolve("data")).doesNotExist();
    }

    @Test
    void serveRunsFromAConfigFileUnderTheEnvironmentAndLogsItsConfigurationRedacted() throws Exception {
        String key = TestKeys.entry("test1");
        int port = AssentJar.freePort();
        Path file = Files.writeString(tempDir.resolve("assent.properties"), String.join("\n",
                "# the file is under the environment: its port loses",
                "ASSENT_PORT=1",
                "ASSENT_DATA_DIR=" + tempDir.resolve("data"),
                "ASSENT_PUBLIC_URL=http://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS=" + key,
                "ASSENT_DATABASE_PASSWORD=file-password-that-must-not-be-logged",
                ""));
        Path err = tempDir.resolve("serve.err");
        Process process = AssentJar.command(Map.of("ASSENT_PORT", Integer.toString(port), "ASSENT_CONFIG_FILE", file.toString()), "serve")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            HttpResponse<String> health = AssentJar.awaitAnswer(process, AssentJar.get(port, "/healthz"), r -> r.statusCode() == 200,
                    Duration.ofSeconds(60));
            assertThat(health).as(Files.readString(err)).isNotNull();
            assertThat(health.statusCode()).isEqualTo(200);
            String log = Files.readString(err);
            String line = log.lines().filter(l -> l.contains("configuration: ")).findFirst().orElseThrow();
            assertThat(line).contains("ASSENT_PORT=" + port + " (env)", "ASSENT_CONFIG_FILE=" + file + " (env)",
                    "ASSENT_ENCRYPTION_KEYS=*** (file)", "ASSENT_DATABASE_PASSWORD=*** (file)", "ASSENT_DATA_DIR=");
            assertThat(log).doesNotContain("file-password-that-must-not-be-logged", key.substring(key.indexOf(':') + 1));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
