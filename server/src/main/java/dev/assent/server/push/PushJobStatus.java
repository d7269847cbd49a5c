package dev.assent.server.push;

/** Where a push job stands: pending until one of the final outcomes. */
public enum PushJobStatus {
    PENDING,
    /** The provider accepted it. */
    SENT,
    /** The provider reported the device token invalid; the factor's token is marked. */
    UNREGISTERED,
    /** The provider refused it for a reason retrying won't fix. */
    REJECTED,
    /** Its TTL ran out before a provider accepted it. */
    EXPIRED,
    /** Nothing to send: the challenge was answered, or the factor has no platform or token. */
    SKIPPED
}
