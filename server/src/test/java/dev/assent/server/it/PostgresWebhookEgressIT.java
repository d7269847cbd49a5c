package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookEgressContract} on a real PostgreSQL server. */
class PostgresWebhookEgressIT extends WebhookEgressContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
