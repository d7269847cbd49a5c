package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link HealthContract} on a real PostgreSQL server. */
class PostgresHealthIT extends HealthContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
