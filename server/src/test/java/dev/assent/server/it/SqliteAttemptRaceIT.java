package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link AttemptRaceContract} on the embedded SQLite database. */
class SqliteAttemptRaceIT extends AttemptRaceContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
