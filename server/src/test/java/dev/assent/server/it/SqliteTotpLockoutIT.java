package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link TotpLockoutContract} on the embedded SQLite database. */
class SqliteTotpLockoutIT extends TotpLockoutContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
