package dev.assent.server.worker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One circuit breaker per key (a push credential, a webhook receiver's host and port), by
 * resilience4j: after {@code failures} consecutive failed attempts the key is open for
 * {@code coolDown}, and its jobs are deferred, neither attempted nor failed; then one trial attempt
 * is let through (half-open), and its outcome closes or re-opens the breaker.
 *
 * <p>Only keys with a recent failure are kept: a success on a closed breaker forgets its key, so the
 * map holds failing keys only, and it is bounded: past {@link #MAX_KEYS} closed ones are dropped.
 */
public final class CircuitBreakers {

    /** Keys kept at most before closed breakers are forgotten. */
    static final int MAX_KEYS = 10_000;

    private final CircuitBreakerConfig config;
    private final Duration coolDown;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(int failures, Duration coolDown, Clock clock) {
        this.coolDown = coolDown;
        // A count window of `failures` calls that opens at a 100 % failure rate: `failures` failures in a row.
        this.config = CircuitBreakerConfig.custom()
                .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(coolDown)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(e -> true)
                .clock(clock)
                .build();
    }

    /** How long a job refused by {@link #tryAcquire} waits before it is looked at again. */
    public Duration coolDown() {
        return coolDown;
    }

    /**
     * Whether an attempt for {@code key} may go ahead now. A {@code true} must be followed by exactly
     * one {@link #succeeded} or {@link #failed} (or {@link #released}, when nothing was attempted).
     */
    public boolean tryAcquire(String key) {
        return breakers.computeIfAbsent(key, this::create).tryAcquirePermission();
    }

    public void succeeded(String key) {
        CircuitBreaker breaker = breakers.get(key);
        if (breaker != null) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                breakers.remove(key, breaker);
            }
        }
    }

    public void failed(String key) {
        CircuitBreaker breaker = breakers.computeIfAbsent(key, this::create);
        breaker.onError(0, TimeUnit.NANOSECONDS, new AttemptFailed());
    }

    /** Gives back a permission that was not used for an attempt. */
    public void released(String key) {
        CircuitBreaker breaker = breakers.get(key);
        if (breaker != null) {
            breaker.releasePermission();
        }
    }

    /** Whether {@code key}'s breaker is open now (for tests and logs). */
    public boolean isOpen(String key) {
        CircuitBreaker breaker = breakers.get(key);
        return breaker != null && breaker.getState() == CircuitBreaker.State.OPEN;
    }

    private CircuitBreaker create(String key) {
        if (breakers.size() >= MAX_KEYS) {
            breakers.values().removeIf(b -> b.getState() == CircuitBreaker.State.CLOSED);
        }
        return CircuitBreaker.of(key, config);
    }

    /** What a failed attempt is recorded as; resilience4j wants a throwable. No stack trace: it is never thrown. */
    private static final class AttemptFailed extends Exception {
        AttemptFailed() {
            super("attempt failed", null, false, false);
        }
    }
}
