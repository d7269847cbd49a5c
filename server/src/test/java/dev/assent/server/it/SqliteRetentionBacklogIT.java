package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link RetentionBacklogContract} on the embedded SQLite database; the second node opens the same file. */
class SqliteRetentionBacklogIT extends RetentionBacklogContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
