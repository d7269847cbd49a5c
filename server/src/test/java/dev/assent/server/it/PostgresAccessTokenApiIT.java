package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AccessTokenApiContract} on a real PostgreSQL server. */
class PostgresAccessTokenApiIT extends AccessTokenApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
