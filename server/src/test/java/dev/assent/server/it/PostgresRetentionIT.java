package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link RetentionContract} on a real PostgreSQL server. */
class PostgresRetentionIT extends RetentionContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
