package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probes on a real server: {@code /health/ready} lists every check and fails, 503, naming what
 * broke (a closed database, a schema from the future, a stopped worker), while {@code /health/live}
 * and {@code /healthz} keep answering 200. No probe asks for credentials.
 */
abstract class HealthContract extends ApiFixture {

    private static final List<String> CHECKS = List.of("database", "migrations", "push-worker", "webhook-dispatcher", "retention",
            "expiry-sweep");

    private static List<String> names(JsonNode body, String field) {
        return StreamSupport.stream(body.get(field).spliterator(), false)
                .map(n -> n.isTextual() ? n.asText() : n.get("name").asText()).toList();
    }

    @Test
    void readyIsOkWithEveryCheckListedAndNoCredentials() {
        Http.Reply ready = http.get(null, "/health/ready");
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(200);
        assertThat(ready.text("status")).isEqualTo("ok");
        assertThat(names(ready.json(), "checks")).containsExactlyElementsOf(CHECKS);
        assertThat(ready.json().get("checks")).allSatisfy(check -> assertThat(check.get("status").asText()).isEqualTo("ok"));
        assertThat(ready.json().has("failing")).isFalse();
        assertThat(ready.header("Cache-Control")).isEqualTo("no-store");
        // Nothing about where the data lives.
        assertThat(ready.raw().body()).doesNotContain("jdbc").doesNotContain(tempDir.toString());
        assertThat(http.get(null, "/health/live").status()).isEqualTo(200);
    }

    @Test
    void aClosedDatabaseMakesReadyUnavailableNamingItWhileLiveStaysUp() {
        database.close();

        Http.Reply ready = http.get(null, "/health/ready");
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(503);
        assertThat(ready.text("status")).isEqualTo("unavailable");
        assertThat(names(ready.json(), "failing")).contains("database").doesNotContain("push-worker");
        JsonNode check = ready.json().get("checks").get(0);
        assertThat(check.get("name").asText()).isEqualTo("database");
        assertThat(check.get("status").asText()).isEqualTo("failing");
        assertThat(check.get("reason").asText()).isEqualTo("unreachable");

        Http.Reply live = http.get(null, "/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.text("status")).isEqualTo("ok");
        assertThat(http.get(null, "/healthz").status()).isEqualTo(200);
    }

    @Test
    void aSchemaNewerThanTheJarMakesReadyUnavailableNamingMigrations() {
        assertThat(http.get(null, "/health/ready").status()).isEqualTo(200);
        SchemaHistory.addFutureMigration(database);

        Http.Reply ready = http.get(null, "/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(names(ready.json(), "failing")).containsExactly("migrations");
        assertThat(ready.json().get("checks").get(1).get("reason").asText())
                .isEqualTo("schema at version " + SchemaHistory.FUTURE_VERSION + ", expected " + database.expectedVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"push-worker", "webhook-dispatcher", "retention", "expiry-sweep"})
    void aStoppedWorkerMakesReadyUnavailableNamingIt(String worker) {
        assertThat(http.get(null, "/health/ready").status()).isEqualTo(200);
        server.stopWorker(worker);

        Http.Reply ready = http.get(null, "/health/ready");
        assertThat(ready.status()).as(ready.raw().body()).isEqualTo(503);
        assertThat(names(ready.json(), "failing")).containsExactly(worker);
        assertThat(http.get(null, "/health/live").status()).isEqualTo(200);
    }
}
