package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link TotpLockoutContract} on a real PostgreSQL server. */
class PostgresTotpLockoutIT extends TotpLockoutContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
