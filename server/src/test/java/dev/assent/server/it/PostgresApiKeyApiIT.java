package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.storage.Database;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ApiKeyApiContract} on a real PostgreSQL server, and two nodes sharing it. */
class PostgresApiKeyApiIT extends ApiKeyApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }

    @Test
    void aKeyDeletedOnOneNodeIsRefusedByTheOtherOnItsNextRequest() {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir.resolve("node-b"), Optional.empty(), Optional.empty());
        try (AssentServer nodeB = AssentServer.start(config.withSettings(settings()), reopenDatabase(), clock)) {
            Http other = new Http(nodeB.publicBase());
            String[] key = createKey("backend");
            String keyAuth = Http.basic(key[0], key[1]);
            // Node B has served the key (and would have cached it, if it cached keys).
            for (int i = 0; i < 3; i++) {
                assertThat(other.get(keyAuth, "/v2/Services").status()).isEqualTo(200);
            }
            assertThat(http.delete(auth, keysPath() + "/" + key[0] + ".json").status()).isEqualTo(204);
            assertError(other.get(keyAuth, "/v2/Services"), 401, 20003);
            assertError(http.get(keyAuth, "/v2/Services"), 401, 20003);
        }
    }
}
