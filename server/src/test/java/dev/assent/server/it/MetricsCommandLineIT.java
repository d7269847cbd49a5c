package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with {@code ASSENT_MANAGEMENT_PORT}: {@code /metrics} and the probes answer on the
 * management port and not on the public one; a bad port value is one line naming it, exit 2.
 */
class MetricsCommandLineIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJarServesMetricsAndProbesOnTheManagementPort() throws Exception {
        int port = AssentJar.freePort();
        int management = AssentJar.freePort();
        Process process = AssentJar.command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_MANAGEMENT_PORT", Integer.toString(management)), "dev")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            HttpResponse<String> metrics = null;
            while (metrics == null && Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    metrics = get("http://127.0.0.1:" + management + "/metrics");
                } catch (IOException notYetListening) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertThat(metrics).as("the management port answered").isNotNull();
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE assent_challenge_outcomes_total counter")
                    .contains("hikaricp_connections_active{pool=\"assent-sqlite\"}").contains("jvm_memory_used_bytes");
            // Ready once the workers run, just after the ports open.
            int ready = get("http://127.0.0.1:" + management + "/health/ready").statusCode();
            while (ready != 200 && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(100);
                ready = get("http://127.0.0.1:" + management + "/health/ready").statusCode();
            }
            assertThat(ready).isEqualTo(200);
            // The public port serves the API but not these.
            assertThat(get("http://127.0.0.1:" + port + "/health/live").statusCode()).isEqualTo(401);
            assertThat(get("http://127.0.0.1:" + port + "/metrics").statusCode()).isEqualTo(401);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBadManagementPortIsOneLineNamingItAndExitTwo() throws Exception {
        Process process = AssentJar.command(Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", "0",
                "ASSENT_MANAGEMENT_PORT", "metrics"), "dev").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().filter(l -> l.startsWith("assent: ")).toList())
                .containsExactly("assent: invalid ASSENT_MANAGEMENT_PORT='metrics': expected a port number (1 to 65535)");
        assertThat(stderr).doesNotContain("at dev.assent");
    }
}
