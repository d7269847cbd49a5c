package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link FairDeliveryContract} on the embedded SQLite database. */
class SqliteFairDeliveryIT extends FairDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
