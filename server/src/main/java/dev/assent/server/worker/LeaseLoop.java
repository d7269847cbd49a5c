package dev.assent.server.worker;

import dev.assent.server.api.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker over a table of leased jobs: wakes on a nudge or every poll interval, leases due jobs, and
 * runs each on its own virtual thread, at most {@code concurrency} at once and at most
 * {@code perAccount} of them for one account, so one account's slow or failing peers hold only its own
 * share of the slots. Each job is isolated: whatever its run throws (any exception or error but a
 * {@link VirtualMachineError}) is recorded as that job's failed attempt and never reaches the loop.
 *
 * <p>Stopping never interrupts: a thread inside a JDBC call would lose its connection. {@link #close}
 * sets a flag, wakes the loop, and gives jobs in flight {@code stopGrace} to finish; a job still
 * running after that is abandoned, and its lease lapses so that this or another node runs it again.
 *
 * @param <J> a job row
 */
public final class LeaseLoop<J> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseLoop.class);

    private final String name;
    private final LeasedJobs<J> jobs;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final int concurrency;
    private final int perAccount;
    private final Duration stopGrace;
    private final Semaphore slots;
    /** Jobs in flight per account; guarded by itself. */
    private final Map<String, Integer> perAccountInFlight = new HashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final ExecutorService runners = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandoned;

    public LeaseLoop(String name, LeasedJobs<J> jobs, Transactions transactions, Clock clock, Duration pollInterval, Duration lease,
            int concurrency, int perAccount, Duration stopGrace) {
        this.name = Objects.requireNonNull(name);
        this.jobs = Objects.requireNonNull(jobs);
        this.transactions = Objects.requireNonNull(transactions);
        this.clock = Objects.requireNonNull(clock);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.lease = Objects.requireNonNull(lease);
        this.stopGrace = Objects.requireNonNull(stopGrace);
        if (concurrency < 1 || perAccount < 1) {
            throw new IllegalArgumentException("concurrency and the per-account cap must be positive");
        }
        this.concurrency = concurrency;
        this.perAccount = Math.min(perAccount, concurrency);
        this.slots = new Semaphore(concurrency);
        // A platform thread: the loop's own JDBC calls (due, lease) then never pin a carrier.
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    public LeaseLoop<J> start() {
        thread.start();
        return this;
    }

    /** Looks for due jobs now rather than at the next poll. */
    public void wake() {
        wakeups.release();
    }

    /** Whether the loop has stopped and given up waiting for its jobs: their writes are no longer wanted. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Whether the loop's thread is running: started, not closed, and not ended by an error. */
    public boolean alive() {
        return thread.isAlive();
    }

    private void loop() {
        while (running) {
            try {
                while (running && fill() > 0) {
                    // Leased some: look again at once, for jobs of accounts skipped as full meanwhile.
                }
            } catch (RuntimeException e) {
                // A database hiccup must not end delivery; the jobs stay due and are leased again.
                if (running) {
                    log.warn("{} pass failed: {}", name, e.toString());
                }
            }
            try {
                wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Leases what the free slots allow and starts it; returns how many jobs it started. */
    int fill() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<J> due = jobs.due(now, fullAccounts(), free);
        int started = 0;
        for (J candidate : due) {
            String account = jobs.account(candidate);
            if (!running || !reserve(account)) {
                continue;
            }
            Optional<J> leased;
            try {
                leased = transactions.inTransaction(() -> jobs.lease(candidate, now, now.plus(lease)));
            } catch (RuntimeException e) {
                unreserve(account);
                throw e;
            }
            if (leased.isEmpty()) {
                unreserve(account);
                continue;
            }
            J job = leased.get();
            runners.execute(() -> runIsolated(job, account));
            started++;
        }
        return started;
    }

    private void runIsolated(J job, String account) {
        try {
            jobs.run(job);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            crashed(job, e);
        } finally {
            unreserve(account);
            wakeups.release();
        }
    }

    private void crashed(J job, Throwable e) {
        if (abandoned) {
            return;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        // The type only: a message may quote a URL's secrets or key material.
        String reason = e.getClass().getSimpleName();
        log.warn("{}: a job failed outside its handling ({}); recorded as a failed attempt", name, reason);
        try {
            jobs.crashed(job, reason);
        } catch (VirtualMachineError vme) {
            throw vme;
        } catch (Throwable again) {
            // Its lease lapses and it is leased again, with the attempt already counted.
            log.warn("{}: could not record a failed job ({}): {}", name, reason, again.toString());
        }
    }

    private Set<String> fullAccounts() {
        synchronized (perAccountInFlight) {
            return perAccountInFlight.entrySet().stream().filter(e -> e.getValue() >= perAccount).map(Map.Entry::getKey)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private boolean reserve(String account) {
        synchronized (perAccountInFlight) {
            if (perAccountInFlight.getOrDefault(account, 0) >= perAccount || !slots.tryAcquire()) {
                return false;
            }
            perAccountInFlight.merge(account, 1, Integer::sum);
            return true;
        }
    }

    private void unreserve(String account) {
        synchronized (perAccountInFlight) {
            perAccountInFlight.computeIfPresent(account, (k, n) -> n <= 1 ? null : n - 1);
            slots.release();
        }
    }

    /** Jobs running now (for tests and metrics). */
    public int inFlight() {
        return concurrency - slots.availablePermits();
    }

    /** Stops leasing, waits up to {@code stopGrace} for jobs in flight, then abandons the rest. Never interrupts. */
    @Override
    public void close() {
        running = false;
        wakeups.release();
        long deadline = System.nanoTime() + stopGrace.toNanos();
        try {
            thread.join(Math.max(1, stopGrace.toMillis()));
            long left = Math.max(0, deadline - System.nanoTime());
            if (slots.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS)) {
                // Every job has ended: give the slots back so inFlight() reads 0.
                slots.release(concurrency);
            } else {
                log.info("{} stopped with {} job(s) still running; their leases lapse and they run again", name, inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandoned = true;
        // shutdown, not shutdownNow: no interrupts; abandoned jobs end with their own timeouts.
        runners.shutdown();
    }
}
