package dev.assent.server.it;

import dev.assent.server.storage.Database;

/** Plays a newer Assent: records in Flyway's history a migration this jar does not ship. */
final class SchemaHistory {

    static final String FUTURE_VERSION = "999";
    static final String INSERT_FUTURE = "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
            + "checksum, installed_by, execution_time, success) VALUES (999, '" + FUTURE_VERSION + "', 'from the future', 'SQL', "
            + "'V999__from_the_future.sql', 0, 'a newer assent', 0, true)";

    private SchemaHistory() {
    }

    static void addFutureMigration(Database database) {
        database.jdbi().useHandle(handle -> handle.execute(INSERT_FUTURE));
    }
}
