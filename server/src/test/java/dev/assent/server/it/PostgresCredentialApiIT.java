package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link CredentialApiContract} on a real PostgreSQL server. */
class PostgresCredentialApiIT extends CredentialApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
