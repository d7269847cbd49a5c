package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link NotificationApiContract} on the embedded SQLite database. */
class SqliteNotificationApiIT extends NotificationApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
