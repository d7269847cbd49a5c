package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AccountAdminContract} on a real PostgreSQL server. */
class PostgresAccountAdminIT extends AccountAdminContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
