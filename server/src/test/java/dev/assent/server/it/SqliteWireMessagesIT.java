package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link WireMessagesContract} on the embedded SQLite database. */
class SqliteWireMessagesIT extends WireMessagesContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
