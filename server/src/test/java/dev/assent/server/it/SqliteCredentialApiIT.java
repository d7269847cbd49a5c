package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link CredentialApiContract} on the embedded SQLite database. */
class SqliteCredentialApiIT extends CredentialApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
