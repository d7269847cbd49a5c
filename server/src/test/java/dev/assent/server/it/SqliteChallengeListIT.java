package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ChallengeListContract} on the embedded SQLite database. */
class SqliteChallengeListIT extends ChallengeListContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
