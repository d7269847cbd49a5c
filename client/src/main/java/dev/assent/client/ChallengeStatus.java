package dev.assent.client;

/** The state of a challenge: {@code pending} until answered or expired, then terminal. */
public enum ChallengeStatus {
    PENDING, EXPIRED, APPROVED, DENIED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
