package dev.assent.client;

/** The state of a challenge: {@code pending} until answered or expired, then terminal. */
public enum ChallengeStatus {
    /** Waiting for the user's answer. */
    PENDING,
    /** Not answered before its expiration date; terminal. */
    EXPIRED,
    /** Approved by the user (push) or verified with a correct code (TOTP); terminal. */
    APPROVED,
    /** Denied by the user; terminal. */
    DENIED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
