package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookApiContract} on a real PostgreSQL server. */
class PostgresWebhookApiIT extends WebhookApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
