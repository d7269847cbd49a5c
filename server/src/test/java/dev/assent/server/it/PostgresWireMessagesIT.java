package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WireMessagesContract} on a real PostgreSQL server. */
class PostgresWireMessagesIT extends WireMessagesContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
