package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookDeliveryContract} on the embedded SQLite database. */
class SqliteWebhookDeliveryIT extends WebhookDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
