package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link FairDeliveryContract} on a real PostgreSQL server. */
class PostgresFairDeliveryIT extends FairDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
