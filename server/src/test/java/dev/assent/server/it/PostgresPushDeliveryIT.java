package dev.assent.server.it;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/** {@link PushDeliveryContract} on a real PostgreSQL server. */
class PostgresPushDeliveryIT extends PushDeliveryContract {
    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.postgres();
    }
}
