package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link MetricsContract} on a real PostgreSQL server. */
class PostgresMetricsIT extends MetricsContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
