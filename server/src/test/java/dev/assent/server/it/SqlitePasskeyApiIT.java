package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PasskeyApiContract} on the embedded SQLite database. */
class SqlitePasskeyApiIT extends PasskeyApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
