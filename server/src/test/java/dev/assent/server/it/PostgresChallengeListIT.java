package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link ChallengeListContract} on a real PostgreSQL server. */
class PostgresChallengeListIT extends ChallengeListContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
