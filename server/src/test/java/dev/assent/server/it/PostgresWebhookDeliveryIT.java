package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookDeliveryContract} on a real PostgreSQL server. */
class PostgresWebhookDeliveryIT extends WebhookDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
