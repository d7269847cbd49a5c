package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PasskeyRefusalContract} on a real PostgreSQL server. */
class PostgresPasskeyRefusalIT extends PasskeyRefusalContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
