package dev.assent.server.webhook;

/**
 * Told of each webhook delivery attempt's recorded outcome, for the operator's counters.
 * Implemented outside the feature (the server's metrics). Never given a
 * URL, SID or anything else that names a tenant or receiver.
 */
@FunctionalInterface
public interface WebhookMetrics {

    /** What the dispatcher recorded for one attempt. */
    enum Result {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** The attempt failed and the delivery is retried later. */
        FAILED,
        /** The attempt failed (or none was possible) and the delivery is given up. */
        GAVE_UP
    }

    void delivery(Result result);
}
