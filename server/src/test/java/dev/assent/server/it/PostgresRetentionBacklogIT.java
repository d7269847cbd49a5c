package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link RetentionBacklogContract} on a real PostgreSQL server; the second node opens the same database. */
class PostgresRetentionBacklogIT extends RetentionBacklogContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
