package dev.assent.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.assent.server.api.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;
import org.flywaydb.core.api.output.ValidateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a connection pool, the migrations, and the write transactions the feature services
 * run their work in. SQLite (a file in the data directory; the embedded default) and PostgreSQL share
 * one schema; their differences live here.
 */
public final class Database implements Transactions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The embedded database's file in the data directory; SQLite adds {@code -wal} and {@code -shm} beside it. */
    static final String DATABASE_FILE = "assent.db";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final MigrationVersion expectedVersion;
    /**
     * SQLite allows one writer at a time: the write transactions of this process queue to one writer
     * that commits them in batches (group commit; null on PostgreSQL). That also avoids SQLite's
     * busy-wait retries (which sleep for milliseconds); busy_timeout still covers other processes, such
     * as a CLI command run beside the server.
     */
    private final GroupCommit groupCommit;
    /** SQLite only: checkpoints the WAL beside the writer (null on PostgreSQL). */
    private final WalCheckpointer checkpointer;

    public enum Dialect { SQLITE, POSTGRESQL }

    /** What opening does to the schema: bring it to this jar's version, or only check that it is there. */
    public enum Schema { MIGRATE, VALIDATE }

    private Database(HikariDataSource dataSource, Dialect dialect, MigrationVersion expectedVersion, GroupCommit.Limits limits) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.expectedVersion = expectedVersion;
        this.jdbi = Jdbi.create(dataSource);
        // Statement errors reach the 500 log; bound values may be secrets (auth tokens, TOTP seeds),
        // so messages carry the database's own error only, never the statement's arguments.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.groupCommit = dialect == Dialect.SQLITE ? new GroupCommit(jdbi, limits) : null;
        this.checkpointer = dialect == Dialect.SQLITE ? new WalCheckpointer(jdbi).start() : null;
    }

    /** Opens (creating if needed) the embedded SQLite database {@code assent.db} in {@code dataDir}, migrating it. */
    public static Database sqlite(Path dataDir) {
        return sqlite(dataDir, Schema.MIGRATE);
    }

    /**
     * Opens (creating if needed) the embedded SQLite database {@code assent.db} in {@code dataDir}.
     * The directory and the database files hold every secret, so they are private to the owner.
     */
    public static Database sqlite(Path dataDir, Schema schema) {
        return sqlite(dataDir, schema, GroupCommit.Limits.DEFAULT);
    }

    /** The same, with the group commit's batch and queue bounds given (for tests). */
    static Database sqlite(Path dataDir, Schema schema, GroupCommit.Limits limits) {
        DataDirectory.secure(dataDir, DATABASE_FILE);
        // Before the first connection loads it: the library from the data directory, not a fresh copy in /tmp.
        SqliteNativeLibrary.useFrom(dataDir);
        HikariConfig config = new HikariConfig();
        config.setPoolName("assent-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve(DATABASE_FILE).toAbsolutePath());
        // WAL lets readers run beside the writer; synchronous=FULL makes a commit durable before the
        // 2xx goes out; IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way
        // on a lock upgrade.
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // An updated or deleted secret (a plaintext row being sealed, a ciphertext of a retired key) is
        // overwritten in the file rather than left in free space for a copy of the file to show.
        config.addDataSourceProperty("secure_delete", "true");
        // Nothing reads generated keys (every SID is made by the server); the driver would otherwise match
        // every INSERT against a regular expression to prepare them (seen in the profile of a push round trip).
        config.addDataSourceProperty("jdbc.get_generated_keys", "false");
        // The WAL is checkpointed by WalCheckpointer's thread, not in the writer's commits; this is the backstop.
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + WalCheckpointer.BACKSTOP_PAGES);
        config.setMaximumPoolSize(8);
        return open(config, Dialect.SQLITE, schema, limits);
    }

    /** Connects to PostgreSQL at a JDBC URL ({@code jdbc:postgresql://…}), migrating it. */
    public static Database postgresql(String jdbcUrl, String user, String password, int poolSize) {
        return postgresql(jdbcUrl, user, password, poolSize, Schema.MIGRATE);
    }

    /** Connects to PostgreSQL at a JDBC URL ({@code jdbc:postgresql://…}). */
    public static Database postgresql(String jdbcUrl, String user, String password, int poolSize, Schema schema) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("assent-postgresql");
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        return open(config, Dialect.POSTGRESQL, schema, null);
    }

    /**
     * Checks the schema before anything is written: a database migrated by a newer Assent is refused
     * (this jar would run old code on a schema it does not know). The one dialect difference of the
     * migrations is the placeholder {@code ${postgresql_only}}: empty on PostgreSQL, a comment marker on
     * SQLite (whose column types have no length to widen). Then migrates, or, with {@link Schema#VALIDATE},
     * refuses a schema that is behind or whose applied migrations differ from this jar's.
     *
     * <p>One Flyway pass (one scan of the migrations, one read of the history) on the way to a start:
     * {@code migrate()} validates before it writes anything, and with no validation pattern ignored (Flyway
     * ignores {@code *:future} by default) a newer schema fails that validation. Only a failed validation
     * asks Flyway once more ({@code info()}) for the versions its message names.
     */
    private static Database open(HikariConfig config, Dialect dialect, Schema schema, GroupCommit.Limits limits) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("postgresql_only", dialect == Dialect.POSTGRESQL ? "" : "-- "))
                    // Nothing ignored: a migration in the history that this jar does not ship fails validation.
                    .ignoreMigrationPatterns(new ValidatePattern[0])
                    .load();
            MigrationVersion known;
            if (schema == Schema.MIGRATE) {
                MigrateResult result;
                try {
                    result = flyway.migrate();
                } catch (FlywayValidateException e) {
                    Versions.of(flyway).refuseNewer();
                    throw e;
                }
                // The last version migrated to, else (nothing to do) the version the schema was already at.
                known = MigrationVersion.fromVersion(Optional.ofNullable(result.targetSchemaVersion)
                        .orElseGet(() -> Objects.requireNonNull(result.initialSchemaVersion, "no schema version after migrating")));
            } else {
                ValidateResult result = flyway.validateWithResult();
                if (!result.validationSuccessful) {
                    Versions versions = Versions.of(flyway);
                    versions.refuseNewer();
                    if (versions.applied().isEmpty() || !versions.applied().get().equals(versions.known())) {
                        throw new SchemaMismatchException("the database schema is at version "
                                + versions.applied().map(String::valueOf).orElse("none") + ", this Assent needs " + versions.known()
                                + ": run `assent migrate` first");
                    }
                    throw new SchemaMismatchException("the database schema does not match this Assent's migrations: "
                            + result.getAllErrorMessages());
                }
                // Valid with nothing ignored: every migration the jar ships is applied, and nothing else is.
                known = highestApplied(dataSource, Duration.ofSeconds(30)).orElseThrow(
                        () -> new AssertionError("no migration recorded after a successful validation"));
            }
            log.info("database ready: {}, schema version {}", dialect, known);
            return new Database(dataSource, dialect, known, limits);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The highest migration the jar ships and the highest one applied, from one {@code info()}: for a refusal's message. */
    private record Versions(MigrationVersion known, Optional<MigrationVersion> applied) {

        static Versions of(Flyway flyway) {
            MigrationInfo[] all = flyway.info().all();
            return new Versions(highest(Arrays.stream(all).filter(m -> m.getState().isResolved()))
                    .orElseThrow(() -> new AssertionError("the jar ships no migrations")),
                    highest(Arrays.stream(all).filter(m -> m.getState().isApplied())));
        }

        /** A schema a newer Assent migrated: one line saying so, instead of Flyway's validation error. */
        void refuseNewer() {
            if (applied.isPresent() && applied.get().compareTo(known) > 0) {
                throw new SchemaMismatchException("the database schema is at version " + applied.get() + ", newer than this Assent "
                        + "knows (" + known + "): run the Assent release that migrated it, or a newer one");
            }
        }

        private static Optional<MigrationVersion> highest(java.util.stream.Stream<MigrationInfo> migrations) {
            return migrations.map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparator.naturalOrder());
        }
    }

    /**
     * Reports the connection pool's state and waits to {@code factory} (HikariCP's Micrometer tracker
     * in the server); once per database, as HikariCP allows.
     */
    public void trackPool(MetricsTrackerFactory factory) {
        dataSource.setMetricsTrackerFactory(factory);
    }

    /** The highest migration this jar ships: the version the schema must be at. */
    public String expectedVersion() {
        return expectedVersion.getVersion();
    }

    /**
     * The highest successfully applied migration, read with a query bounded by {@code timeout} (for
     * readiness); throws if the database cannot answer.
     */
    public Optional<String> schemaVersion(Duration timeout) {
        return highestApplied(dataSource, timeout).map(MigrationVersion::getVersion);
    }

    private static Optional<MigrationVersion> highestApplied(javax.sql.DataSource dataSource, Duration timeout) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            query.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            MigrationVersion highest = null;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                    highest = highest == null || version.compareTo(highest) > 0 ? version : highest;
                }
            }
            return Optional.ofNullable(highest);
        } catch (SQLException e) {
            throw new IllegalStateException("database unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * After secrets were rewritten (plaintext sealed, re-sealed under a new key): on SQLite, copies the
     * WAL into the database file and truncates it, so the old page versions leave the WAL too. On
     * PostgreSQL the old row versions stay until VACUUM reclaims them (README: Secrets and keys).
     */
    public void scrubRewrittenPages() {
        if (dialect == Dialect.SQLITE) {
            jdbi.useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work);
        if (groupCommit != null) {
            return groupCommit.inTransaction(work);
        }
        return jdbi.inTransaction(handle -> work.get());
    }

    /** The group commit writer of an SQLite database (null on PostgreSQL), for tests. */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (groupCommit != null) {
            groupCommit.close();
        }
        dataSource.close();
    }
}
