package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ChallengeStoreContract} on a real PostgreSQL server. */
class PostgresChallengeStoreIT extends ChallengeStoreContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
