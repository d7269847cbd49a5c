package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PasskeyRetentionContract} on the embedded SQLite database. */
class SqlitePasskeyRetentionIT extends PasskeyRetentionContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
