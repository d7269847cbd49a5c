package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link TotpLockoutOffContract} on a real PostgreSQL server. */
class PostgresTotpLockoutOffIT extends TotpLockoutOffContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
