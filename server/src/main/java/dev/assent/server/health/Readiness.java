package dev.assent.server.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness checks, in a fixed order: {@code database} (answers a bounded query), {@code migrations}
 * (its schema is at the version this jar ships), then one per background worker (its thread is alive).
 * Once the server {@linkplain #shuttingDown() is stopping}, a first check {@code shutdown} fails, so a
 * load balancer takes the node out while its requests in flight finish.
 *
 * <p>The database is asked on its own thread and waited for at most {@code timeout}: a pool waiting
 * for a connection to an unreachable server would otherwise hold the probe for its full connection
 * timeout. At most one such query is in flight; a probe arriving while it still runs waits on it
 * rather than starting another, so a database outage never piles up threads.
 */
public final class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    /** How long a probe waits for the database; a load balancer's probe timeout is usually longer. */
    public static final Duration DEFAULT_DATABASE_TIMEOUT = Duration.ofSeconds(2);

    public static final String DATABASE = "database";
    public static final String MIGRATIONS = "migrations";
    public static final String SHUTDOWN = "shutdown";

    /** Reads the highest applied migration; throws when the database cannot answer. */
    @FunctionalInterface
    public interface SchemaProbe {
        Optional<String> schemaVersion(Duration timeout);
    }

    /** One check's outcome; {@code reason} is a fixed, secret-free phrase, empty when it passed. */
    public record Check(String name, boolean passed, Optional<String> reason) {
        public Check {
            Objects.requireNonNull(name);
            Objects.requireNonNull(reason);
        }

        static Check passed(String name) {
            return new Check(name, true, Optional.empty());
        }

        static Check failed(String name, String reason) {
            return new Check(name, false, Optional.of(reason));
        }
    }

    /** Every check's outcome, in order. */
    public record Report(List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public boolean ready() {
            return checks.stream().allMatch(Check::passed);
        }

        public List<String> failing() {
            return checks.stream().filter(c -> !c.passed()).map(Check::name).toList();
        }
    }

    private final SchemaProbe database;
    private final String expectedVersion;
    private final Map<String, BooleanSupplier> workers;
    private final Duration timeout;
    private CompletableFuture<Optional<String>> inFlight;
    private volatile boolean shuttingDown;

    /** {@code workers}: name to whether it runs, reported in the map's order. */
    public Readiness(SchemaProbe database, String expectedVersion, Map<String, BooleanSupplier> workers, Duration timeout) {
        this.database = Objects.requireNonNull(database);
        this.expectedVersion = Objects.requireNonNull(expectedVersion);
        this.workers = new LinkedHashMap<>(workers);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** From now on the node is not ready: it is stopping. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    public Report check() {
        List<Check> checks = new ArrayList<>();
        if (shuttingDown) {
            checks.add(Check.failed(SHUTDOWN, "the server is shutting down"));
        }
        Optional<Optional<String>> version = askDatabase(checks);
        if (version.isEmpty()) {
            checks.add(Check.failed(MIGRATIONS, "unknown: the database did not answer"));
        } else if (version.get().filter(expectedVersion::equals).isPresent()) {
            checks.add(Check.passed(MIGRATIONS));
        } else {
            checks.add(Check.failed(MIGRATIONS, "schema at version " + version.get().orElse("none") + ", expected " + expectedVersion));
        }
        workers.forEach((name, alive) -> checks.add(alive.getAsBoolean() ? Check.passed(name) : Check.failed(name, "not running")));
        return new Report(checks);
    }

    /** Adds the database check; returns the schema version it read, or empty when it failed. */
    private Optional<Optional<String>> askDatabase(List<Check> checks) {
        CompletableFuture<Optional<String>> query;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = CompletableFuture.supplyAsync(() -> database.schemaVersion(timeout),
                        command -> Thread.ofVirtual().name("assent-readiness").start(command));
            }
            query = inFlight;
        }
        try {
            Optional<String> version = query.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            checks.add(Check.passed(DATABASE));
            return Optional.of(version);
        } catch (TimeoutException e) {
            log.warn("readiness: the database did not answer within {} ms", timeout.toMillis());
            checks.add(Check.failed(DATABASE, "no answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            // The database's own error, never a statement's arguments; the body gets a fixed phrase.
            log.warn("readiness: the database failed: {}", e.getCause().toString());
            checks.add(Check.failed(DATABASE, "unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.add(Check.failed(DATABASE, "interrupted"));
        }
        return Optional.empty();
    }
}
