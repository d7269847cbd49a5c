package dev.assent.server.retention;

/**
 * What the retention job deletes, in the order one pass visits them. A factor's deletion cascades to
 * its challenges, and a challenge's to its notifications and push jobs, so factors go first and the
 * later kinds find less left to do.
 */
public enum Expirable {
    /** Factors still {@code unverified} this long after their creation; no webhook event is emitted. */
    UNVERIFIED_FACTORS,
    /** Challenges this long after they were answered or expired, with their notifications and push jobs. */
    CHALLENGES,
    /**
     * Passkeys login challenges ({@code passkey_challenges}) this long after they were approved or
     * expired, under the challenges' period; an approved one's copy in {@code challenges} is a challenge above.
     */
    PASSKEY_CHALLENGES,
    /** Push jobs this long after they finished (sent, unregistered, rejected, expired or skipped). */
    PUSH_JOBS,
    /** Webhook deliveries this long after they finished (delivered or given up). */
    WEBHOOK_DELIVERIES,
    /** Access tokens this long after they were used or expired. */
    ACCESS_TOKENS
}
