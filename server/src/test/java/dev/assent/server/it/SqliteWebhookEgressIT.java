package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookEgressContract} on the embedded SQLite database. */
class SqliteWebhookEgressIT extends WebhookEgressContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
