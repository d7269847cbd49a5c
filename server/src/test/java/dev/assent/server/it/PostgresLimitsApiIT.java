package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link LimitsApiContract} on a real PostgreSQL server. */
class PostgresLimitsApiIT extends LimitsApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
