package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ReadsPerRequestContract} on a real PostgreSQL server. */
class PostgresReadsPerRequestIT extends ReadsPerRequestContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
