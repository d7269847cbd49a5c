package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PasskeyRefusalContract} on the embedded SQLite database. */
class SqlitePasskeyRefusalIT extends PasskeyRefusalContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
