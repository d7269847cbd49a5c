package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link CapsApiContract} on a real PostgreSQL server. */
class PostgresCapsApiIT extends CapsApiContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
