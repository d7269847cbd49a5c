package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ReadsPerRequestContract} on the embedded SQLite database. */
class SqliteReadsPerRequestIT extends ReadsPerRequestContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
