package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ChallengeStoreContract} on the embedded SQLite database. */
class SqliteChallengeStoreIT extends ChallengeStoreContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
