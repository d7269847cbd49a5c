package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.config.ManagementSettings;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With a management port, {@code /metrics} and the probes are served there and only there: the
 * public listener treats them as unknown paths, and the management listener serves nothing of the API.
 */
class ManagementPortIT extends ApiFixture {

    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Override
    ServerSettings settings() {
        return super.settings().withManagement(ManagementSettings.DEFAULTS.withPort(0));
    }

    @Test
    void metricsAndProbesAreOnTheManagementPortOnly() {
        assertThat(server.managementPort()).isPresent();
        int port = server.managementPort().getAsInt();
        assertThat(port).isNotEqualTo(server.port());
        String management = "http://127.0.0.1:" + port;

        // A request on the public port, then its count on the management port's /metrics.
        assertThat(http.get(auth, "/v2/Services").status()).isEqualTo(200);
        MetricsContract.Scrape scrape = MetricsContract.scrape(management);
        assertThat(scrape.value("assent_http_server_requests_seconds", "method", "GET", "route", "/v2/Services", "status", "200"))
                .isEqualTo(1.0);
        assertThat(MetricsContract.get(management + "/health/ready").statusCode()).isEqualTo(200);
        assertThat(MetricsContract.get(management + "/health/live").statusCode()).isEqualTo(200);
        assertThat(MetricsContract.get(management + "/healthz").statusCode()).isEqualTo(200);

        // On the public port they are unknown paths: 401 without credentials, 404 with, as any other.
        for (String path : new String[] {"/metrics", "/health/ready", "/health/live", "/healthz"}) {
            assertThat(MetricsContract.get(server.publicBase() + path).statusCode()).as(path).isEqualTo(401);
            assertThat(http.get(auth, path).status()).as(path).isEqualTo(404);
        }
        assertThat(MetricsContract.get(management + "/v2/Services").statusCode()).isEqualTo(404);
    }
}
