package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AttemptRaceContract} on a real PostgreSQL server. */
class PostgresAttemptRaceIT extends AttemptRaceContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
