package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.storage.Database;
import dev.assent.server.secrets.EncryptionKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness when the PostgreSQL server itself goes away (its own embedded server, not the shared one):
 * the pool would wait its full connection timeout for a connection, but the probe answers 503 naming
 * {@code database} within its bound, and live stays 200.
 */
class PostgresStoppedHealthIT {

    @TempDir
    Path tempDir;

    private EmbeddedPostgres postgres;
    private AssentServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Database database = Database.postgresql(postgres.getJdbcUrl("postgres", "postgres"), null, null, 4);
        server = AssentServer.start(new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty()).withSettings(ServerSettings.DEFAULTS.withEncryption(EncryptionKeys.generate("test1"))),
                database,
                Clock.systemUTC());
        http = new Http(server.publicBase());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        postgres.close();
    }

    @Test
    void aStoppedPostgresqlMakesReadyUnavailableWithinItsBoundWhileLiveStaysUp() throws Exception {
        // The workers start just after the port opens.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get(null, "/health/ready").status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(http.get(null, "/health/ready").status()).isEqualTo(200);

        postgres.close();

        long started = System.nanoTime();
        Http.Reply ready = http.get(null, "/health/ready");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(503);
        assertThat(ready.json().get("failing").get(0).asText()).isEqualTo("database");
        assertThat(ready.json().get("checks").get(0).get("reason").asText()).isIn("unreachable", "no answer within 2000 ms");
        // Bounded by the probe's 2 s wait, not Hikari's 30 s connection timeout (generous margin for a busy CI box).
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(http.get(null, "/health/live").status()).isEqualTo(200);
        assertThat(http.get(null, "/healthz").status()).isEqualTo(200);
    }
}
