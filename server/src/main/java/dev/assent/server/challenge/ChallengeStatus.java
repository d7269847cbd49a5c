package dev.assent.server.challenge;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/**
 * A challenge's status. {@code PENDING} moves once to {@code APPROVED}, {@code DENIED} or
 * {@code EXPIRED}; those three are terminal.
 */
public enum ChallengeStatus implements WireValue {
    PENDING("pending"), EXPIRED("expired"), APPROVED("approved"), DENIED("denied");

    private final String wireName;

    ChallengeStatus(String wireName) {
        this.wireName = wireName;
    }

    public boolean isTerminal() {
        return this != PENDING;
    }

    /** The value Twilio's API renders and filters by, e.g. {@code pending}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses Twilio's wire value; only the exact lowercase spelling matches, anything else is empty. */
    public static Optional<ChallengeStatus> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
