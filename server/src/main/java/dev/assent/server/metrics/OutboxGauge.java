package dev.assent.server.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbox's depth and oldest-due age for two gauges, read through its probe at most once per
 * {@code cacheFor}: both gauges of one scrape share a reading. A failed reading (the database is
 * down) reports NaN, which Prometheus shows as a missing value, and is tried again at the next scrape.
 */
final class OutboxGauge {

    private static final Logger log = LoggerFactory.getLogger(OutboxGauge.class);

    private record Reading(long readAtNanos, Instant at, OutboxProbe.Depth depth) {
    }

    private final OutboxProbe probe;
    private final OutboxProbe.Outbox outbox;
    private final Clock clock;
    private final long cacheNanos;
    private Reading last;

    OutboxGauge(OutboxProbe probe, OutboxProbe.Outbox outbox, Clock clock, Duration cacheFor) {
        this.probe = probe;
        this.outbox = outbox;
        this.clock = clock;
        this.cacheNanos = cacheFor.toNanos();
    }

    double pending() {
        Reading reading = reading();
        return reading == null ? Double.NaN : reading.depth().pending();
    }

    double oldestDueAgeSeconds() {
        Reading reading = reading();
        if (reading == null) {
            return Double.NaN;
        }
        return reading.depth().oldestDue()
                .map(due -> Math.max(0, Duration.between(due, reading.at()).toMillis()) / 1000.0)
                .orElse(0.0);
    }

    private synchronized Reading reading() {
        long now = System.nanoTime();
        if (last != null && now - last.readAtNanos() < cacheNanos) {
            return last;
        }
        try {
            Instant at = clock.instant();
            last = new Reading(now, at, probe.read(outbox, at));
            return last;
        } catch (RuntimeException e) {
            log.warn("metrics: could not read the {} outbox's depth: {}", AssentMetrics.label(outbox), e.toString());
            last = null;
            return null;
        }
    }
}
