package dev.assent.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.assent.server.api.Transactions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
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
    /**
     * SQLite allows one writer at a time. Queuing writers of this process on a fair lock avoids
     * SQLite's busy-wait retries (which sleep for milliseconds); busy_timeout still covers other
     * processes, such as a CLI command run beside the server.
     */
    private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);

    public enum Dialect { SQLITE, POSTGRESQL }

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        // Statement errors reach the 500 log; bound values may be secrets (auth tokens, TOTP seeds),
        // so messages carry the database's own error only, never the statement's arguments.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /**
     * Opens (creating if needed) the embedded SQLite database {@code assent.db} in {@code dataDir}.
     * The directory and the database files hold every secret, so they are private to the owner.
     */
    public static Database sqlite(Path dataDir) {
        DataDirectory.secure(dataDir, DATABASE_FILE);
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
        config.setMaximumPoolSize(8);
        return open(config, Dialect.SQLITE);
    }

    /** Connects to PostgreSQL at a JDBC URL ({@code jdbc:postgresql://…}). */
    public static Database postgresql(String jdbcUrl, String user, String password, int poolSize) {
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
        return open(config, Dialect.POSTGRESQL);
    }

    private static Database open(HikariConfig config, Dialect dialect) {
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("database ready: {}", dialect);
        return new Database(dataSource, dialect);
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
        if (dialect == Dialect.SQLITE) {
            sqliteWriteLock.lock();
            try {
                return jdbi.inTransaction(handle -> work.get());
            } finally {
                sqliteWriteLock.unlock();
            }
        }
        return jdbi.inTransaction(handle -> work.get());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
