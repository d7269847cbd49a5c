package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link HardenedEdgeContract} on the embedded SQLite database. */
class SqliteHardenedEdgeIT extends HardenedEdgeContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
