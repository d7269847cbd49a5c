package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link RetentionBacklogContract} on a real PostgreSQL server; the second node opens the same database. */
class PostgresRetentionBacklogIT extends RetentionBacklogContract {

    private String name;

    @Override
    Database openDatabase(Path dir) {
        name = TestDatabases.newPostgresDatabase();
        return TestDatabases.postgres(name);
    }

    @Override
    Database openSecondNode() {
        return TestDatabases.postgres(name);
    }
}
