package dev.assent.server.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * How the delivery workers share their slots and treat failing peers.
 *
 * @param pushConcurrency   push jobs in flight at once per node (webhooks have {@code WebhookSettings.concurrency})
 * @param perAccount        slots one account may hold at once, in each worker (capped at its concurrency)
 * @param breakerFailures   consecutive failed attempts to one push credential or webhook receiver (host and
 *                          port) after which its jobs are deferred
 * @param breakerCoolDown   how long they are deferred before one trial attempt
 * @param stopGrace         how long a stopping worker waits for the jobs in flight
 */
public record WorkerSettings(int pushConcurrency, int perAccount, int breakerFailures, Duration breakerCoolDown, Duration stopGrace) {

    public static final int DEFAULT_PUSH_CONCURRENCY = 16;
    public static final int DEFAULT_PER_ACCOUNT = 4;
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    public static final WorkerSettings DEFAULTS = new WorkerSettings(DEFAULT_PUSH_CONCURRENCY, DEFAULT_PER_ACCOUNT,
            DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_COOL_DOWN, DEFAULT_STOP_GRACE);

    public WorkerSettings {
        Objects.requireNonNull(breakerCoolDown);
        Objects.requireNonNull(stopGrace);
        if (pushConcurrency < 1 || perAccount < 1 || breakerFailures < 1) {
            throw new IllegalArgumentException("worker concurrency, per-account cap and breaker threshold must be positive");
        }
        if (breakerCoolDown.isNegative() || breakerCoolDown.isZero() || stopGrace.isNegative()) {
            throw new IllegalArgumentException("the breaker cool-down must be positive and the stop grace not negative");
        }
    }

    public WorkerSettings withStopGrace(Duration value) {
        return new WorkerSettings(pushConcurrency, perAccount, breakerFailures, breakerCoolDown, value);
    }
}
