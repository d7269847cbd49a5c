package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ChallengeApiContract} on the embedded SQLite database. */
class SqliteChallengeApiIT extends ChallengeApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
