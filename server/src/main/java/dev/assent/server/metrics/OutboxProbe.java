package dev.assent.server.metrics;

import java.time.Instant;
import java.util.Optional;

/** Reads how far behind a durable outbox is, with one cheap query (implemented by storage). */
public interface OutboxProbe {

    /** The outboxes that are probed, by the label value they are reported under. */
    enum Outbox {
        PUSH, WEBHOOK
    }

    /**
     * @param pending   rows waiting to be sent (due now or retrying later)
     * @param oldestDue the earliest time a row still pending became due, when one is due by {@code now}
     */
    record Depth(long pending, Optional<Instant> oldestDue) {
    }

    Depth read(Outbox outbox, Instant now);
}
