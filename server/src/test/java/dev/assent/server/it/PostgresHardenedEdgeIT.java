package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link HardenedEdgeContract} on PostgreSQL (embedded). */
class PostgresHardenedEdgeIT extends HardenedEdgeContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
