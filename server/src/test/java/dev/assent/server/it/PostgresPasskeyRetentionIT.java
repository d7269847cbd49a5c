package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PasskeyRetentionContract} on a real PostgreSQL server. */
class PostgresPasskeyRetentionIT extends PasskeyRetentionContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
