package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WebhookEgressContract} on a real PostgreSQL server. */
class PostgresWebhookEgressIT extends WebhookEgressContract {
    private String name;

    @Override
    Database openDatabase(Path dir) {
        name = TestDatabases.newPostgresDatabase();
        return TestDatabases.postgres(name);
    }

    @Override
    Database reopenDatabase(Path dir) {
        return TestDatabases.postgres(name);
    }
}
