package dev.assent.server.challenge;

import java.util.Optional;

/**
 * A challenge's status. {@code PENDING} moves once to {@code APPROVED}, {@code DENIED} or
 * {@code EXPIRED}; those three are terminal.
 */
public enum ChallengeStatus {
    PENDING("pending"), EXPIRED("expired"), APPROVED("approved"), DENIED("denied");

    private final String wireName;

    ChallengeStatus(String wireName) {
        this.wireName = wireName;
    }

    public boolean isTerminal() {
        return this != PENDING;
    }

    /** The value Twilio's API renders and filters by, e.g. {@code pending}. */
    public String wireName() {
        return wireName;
    }

    /** Parses Twilio's wire value; only the exact lowercase spelling matches, anything else is empty. */
    public static Optional<ChallengeStatus> fromWire(String value) {
        for (ChallengeStatus status : values()) {
            if (status.wireName.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
