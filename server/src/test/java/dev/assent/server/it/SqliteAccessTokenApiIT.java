package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AccessTokenApiContract} on the embedded SQLite database. */
class SqliteAccessTokenApiIT extends AccessTokenApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
