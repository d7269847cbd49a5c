package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link TotpLockoutOffContract} on the embedded SQLite database. */
class SqliteTotpLockoutOffIT extends TotpLockoutOffContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
