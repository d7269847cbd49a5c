package dev.assent.benchmark;

import dev.assent.server.storage.Database;
import java.nio.file.Path;

/**
 * A new SQLite file, opened by {@link Database#sqlite} exactly as the server opens it in production
 * (WAL, {@code synchronous=FULL}, the server's pool and write lock).
 */
final class SqliteUnderTest implements DatabaseUnderTest {

    private static final int SYNCHRONOUS_FULL = 2;

    private final Path directory;

    SqliteUnderTest(Path root) {
        this.directory = DatabaseUnderTest.newDirectory(root, "assent-bench-sqlite-");
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Database open() {
        return Database.sqlite(directory);
    }

    @Override
    public String describe(Database database) {
        return database.jdbi().withHandle(handle -> {
            String version = handle.createQuery("select sqlite_version()").mapTo(String.class).one();
            String journal = handle.createQuery("pragma journal_mode").mapTo(String.class).one();
            int synchronous = handle.createQuery("pragma synchronous").mapTo(Integer.class).one();
            if (!"wal".equalsIgnoreCase(journal) || synchronous != SYNCHRONOUS_FULL) {
                throw new IllegalStateException("SQLite is not in production durability: journal_mode=" + journal
                        + ", synchronous=" + synchronous);
            }
            return "SQLite " + version + " (journal_mode=WAL, synchronous=FULL) on " + DatabaseUnderTest.fileSystemOf(directory);
        });
    }

    @Override
    public void close() {
        DatabaseUnderTest.deleteRecursively(directory);
    }
}
