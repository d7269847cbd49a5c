package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link MetricsContract} on the embedded SQLite database. */
class SqliteMetricsIT extends MetricsContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
