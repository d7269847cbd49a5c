package dev.assent.server.it;

import dev.assent.server.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Real databases for integration tests: a fresh SQLite file, or a fresh database on one embedded
 * PostgreSQL server (the binary comes from a Maven artifact) shared by the whole test JVM.
 */
final class TestDatabases {

    private TestDatabases() {
    }

    static Database sqlite(Path dir) {
        return Database.sqlite(dir);
    }

    static Database postgres() {
        return postgres(newPostgresDatabase());
    }

    /** Creates an empty database on the shared server; returns its name. */
    static String newPostgresDatabase() {
        String name = "assent_" + Postgres.COUNTER.incrementAndGet();
        try (Connection c = Postgres.SERVER.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return name;
    }

    /** Opens (migrating) a database of the shared server by name. */
    static Database postgres(String name) {
        return Database.postgresql(Postgres.SERVER.getJdbcUrl("postgres", name), null, null, 16);
    }

    /**
     * How to open {@code database} (open now, from {@link #sqlite} or {@link #postgres}) again, with the
     * same data: the SQLite file in {@code dir}, or the PostgreSQL database by the name it answers to.
     */
    static Supplier<Database> reopener(Database database, Path dir) {
        return switch (database.dialect()) {
            case SQLITE -> () -> sqlite(dir);
            case POSTGRESQL -> {
                String name = database.jdbi().withHandle(h -> h.select("SELECT current_database()").mapTo(String.class).one());
                yield () -> postgres(name);
            }
        };
    }

    /** Started on first use, stopped when the JVM exits. */
    private static final class Postgres {
        static final AtomicInteger COUNTER = new AtomicInteger();
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary cluster directory is removed with it
                    }
                }));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
