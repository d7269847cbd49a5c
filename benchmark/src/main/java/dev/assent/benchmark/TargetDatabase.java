package dev.assent.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A fresh database for one server run, in its own temporary directory that is removed afterwards, and the
 * {@code ASSENT_*} variables that point the server's jar at it.
 */
sealed interface TargetDatabase extends AutoCloseable {

    static TargetDatabase start(DatabaseKind kind, Path root, CpuPinning pinning) {
        return switch (kind) {
            case SQLITE -> new Sqlite(newDirectory(root, "assent-bench-sqlite-"));
            case POSTGRES -> Postgres.start(newDirectory(root, "assent-bench-postgres-"), pinning);
        };
    }

    /** The run's directory (the SQLite data directory, PostgreSQL's data, the server's log). */
    Path directory();

    /** The server's database variables. */
    Map<String, String> serverEnvironment();

    /** For the report: what was measured and its durability settings. */
    String describe();

    /** Processes besides the server's JVM whose CPU counts as the server's (PostgreSQL's). */
    List<Long> extraServerProcesses();

    @Override
    void close();

    /** SQLite in the server's own data directory: the server opens it WAL + {@code synchronous=FULL}. */
    record Sqlite(Path directory) implements TargetDatabase {
        @Override
        public Map<String, String> serverEnvironment() {
            return Map.of("ASSENT_DATA_DIR", directory.resolve("data").toString());
        }

        @Override
        public String describe() {
            return "SQLite (the server's WAL, synchronous=FULL) on " + fileSystemOf(directory);
        }

        @Override
        public List<Long> extraServerProcesses() {
            return List.of();
        }

        @Override
        public void close() {
            deleteRecursively(directory);
        }
    }

    /**
     * Zonky embedded PostgreSQL (real binaries from a Maven artifact) on 127.0.0.1, durable: zonky starts it
     * with {@code -F} and {@code synchronous_commit=off}; both are switched back on and read back. Its
     * processes are moved to the server's core, since they are part of the server's cost.
     */
    final class Postgres implements TargetDatabase {
        static final String DATABASE = "assent";
        static final String USER = "postgres";

        private final Path directory;
        private final EmbeddedPostgres postgres;
        private final long postmaster;
        private final String description;

        private Postgres(Path directory, EmbeddedPostgres postgres, long postmaster, String description) {
            this.directory = directory;
            this.postgres = postgres;
            this.postmaster = postmaster;
            this.description = description;
        }

        static Postgres start(Path directory, CpuPinning pinning) {
            if (LoggerFactory.getLogger("io.zonky") instanceof Logger zonky) {
                zonky.setLevel(Level.WARN);
            }
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(directory.resolve("pgdata"))
                        .setCleanDataDirectory(true)
                        // "-c fsync=on" comes after zonky's "-F" on the command line, and the later one wins.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                deleteRecursively(directory);
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            try {
                long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("pgdata/postmaster.pid")).get(0).trim());
                pinning.pinToServer(ProcStat.processTree(postmaster));
                String description;
                try (Connection c = DriverManager.getConnection(url(postgres, "postgres"), USER, null); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                    String version = show(s, "server_version");
                    String fsync = show(s, "fsync");
                    String synchronousCommit = show(s, "synchronous_commit");
                    if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
                        throw new IllegalStateException("PostgreSQL is not durable: fsync=" + fsync + ", synchronous_commit=" + synchronousCommit);
                    }
                    description = "PostgreSQL " + version + " (fsync=on, synchronous_commit=on, wal_sync_method="
                            + show(s, "wal_sync_method") + ") on " + fileSystemOf(directory);
                }
                return new Postgres(directory, postgres, postmaster, description);
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // reported below
                }
                deleteRecursively(directory);
                throw new IllegalStateException("cannot prepare embedded PostgreSQL: " + e, e);
            }
        }

        private static String show(Statement s, String setting) throws SQLException {
            try (ResultSet r = s.executeQuery("show " + setting)) {
                r.next();
                return r.getString(1);
            }
        }

        private static String url(EmbeddedPostgres postgres, String database) {
            return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
        }

        @Override
        public Path directory() {
            return directory;
        }

        @Override
        public Map<String, String> serverEnvironment() {
            return Map.of("ASSENT_DATABASE_URL", url(postgres, DATABASE), "ASSENT_DATABASE_USER", USER,
                    "ASSENT_DATA_DIR", directory.resolve("data").toString());
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public List<Long> extraServerProcesses() {
            return ProcStat.processTree(postmaster);
        }

        @Override
        public void close() {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop embedded PostgreSQL: " + e);
            }
            deleteRecursively(directory);
        }
    }

    static Path newDirectory(Path root, String prefix) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + root, e);
        }
    }

    static String fileSystemOf(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "unknown file system";
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e);
        }
    }
}
