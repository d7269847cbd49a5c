package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link NotificationApiContract} on a real PostgreSQL server. */
class PostgresNotificationApiIT extends NotificationApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
