package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PushDeliveryContract} on the embedded SQLite database. */
class SqlitePushDeliveryIT extends PushDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
