package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AccountAdminContract} on the embedded SQLite database. */
class SqliteAccountAdminIT extends AccountAdminContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
