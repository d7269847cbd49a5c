package dev.assent.server.retention;

import dev.assent.server.api.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job that deletes what is past its retention period. One pass visits each
 * {@link Expirable} kind in order and deletes its expired rows in batches: one bounded DELETE by
 * primary key per short write transaction, run through {@link Transactions} so that on SQLite it
 * queues on the same writer lock as the API's writes, with a pause between batches. A pass starts
 * when the server starts and then every {@link RetentionSettings#interval()}.
 *
 * <p>Every node runs it; deletes are idempotent, and two nodes deleting at once never both count a
 * row (see {@link RetentionStore}). It stops on a flag and a latch, never by interrupting a thread
 * that may be inside a JDBC call.
 */
public final class RetentionJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionStore store;
    private final Transactions transactions;
    private final RetentionSettings settings;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread loop;
    private volatile boolean started;

    public RetentionJob(RetentionStore store, Transactions transactions, RetentionSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.transactions = Objects.requireNonNull(transactions);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Starts the job's own thread, unless every retention is off. */
    public RetentionJob start() {
        boolean anything = Arrays.stream(Expirable.values()).anyMatch(kind -> settings.period(kind).isPresent());
        if (!anything) {
            log.info("retention off: nothing is ever deleted");
            started = true;
            return this;
        }
        log.info("retention: challenges (passkeys logins too) {}, push jobs and webhook deliveries {}, access tokens {}, unverified factors {}; "
                + "a pass every {}", describe(settings.challenges()), describe(settings.deliveries()),
                describe(settings.accessTokens()), describe(settings.unverifiedFactors()), describe(settings.interval()));
        loop = Thread.ofPlatform().daemon().name("assent-retention").start(this::run);
        // Written after loop: a reader that sees started also sees the thread (volatile).
        started = true;
        return this;
    }

    /**
     * Whether the job does its work (for readiness): its thread is running, or, with every retention
     * off, it was started and has nothing to run. False once closed.
     */
    public boolean alive() {
        return started && running && (loop == null || loop.isAlive());
    }

    private void run() {
        while (running) {
            try {
                Map<Expirable, Integer> deleted = pass();
                if (deleted.values().stream().anyMatch(n -> n > 0)) {
                    log.info("retention pass deleted {}", deleted);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("retention pass failed, retrying in {}: {}", describe(settings.interval()), e.toString());
                }
            }
            if (pauseOrStop(settings.interval())) {
                return;
            }
        }
    }

    /**
     * One pass over every kind, with its cutoff taken from the clock when the pass starts; returns the
     * rows this call deleted per kind (cascaded rows not counted). Stops early, between batches, when
     * the job is closed.
     */
    public Map<Expirable, Integer> pass() {
        Instant now = clock.instant();
        Map<Expirable, Integer> deleted = new EnumMap<>(Expirable.class);
        for (Expirable kind : Expirable.values()) {
            Optional<Duration> period = settings.period(kind);
            if (period.isEmpty()) {
                continue;
            }
            Instant cutoff = now.minus(period.get());
            int total = 0;
            while (running) {
                int batch = transactions.inTransaction(() -> store.deleteEndedBefore(kind, cutoff, settings.batchSize()));
                total += batch;
                if (batch < settings.batchSize() || pauseOrStop(settings.pause())) {
                    break;
                }
            }
            deleted.put(kind, total);
        }
        return Collections.unmodifiableMap(deleted);
    }

    /** Waits {@code duration}; returns true if the job was closed meanwhile. */
    private boolean pauseOrStop(Duration duration) {
        try {
            return stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS) || !running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String describe(Optional<Duration> period) {
        return period.map(RetentionJob::describe).orElse("kept forever");
    }

    /** As the variables spell it: {@code 30d}, {@code 24h}, {@code 90m}, {@code 3600s}. */
    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    @Override
    public void close() {
        running = false;
        // Not an interrupt: the loop may be inside a JDBC call, and an interrupt breaks the connection.
        stopping.countDown();
        if (loop != null) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
