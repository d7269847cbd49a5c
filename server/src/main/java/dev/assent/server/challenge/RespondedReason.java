package dev.assent.server.challenge;

import java.util.Optional;

/** Why a challenge was answered as it was; Twilio reports {@code none} for every ordinary answer. */
public enum RespondedReason {
    NONE("none"), NOT_NEEDED("not_needed"), NOT_REQUESTED("not_requested");

    private final String wireName;

    RespondedReason(String wireName) {
        this.wireName = wireName;
    }

    /** The value Twilio's API renders, e.g. {@code not_needed}. */
    public String wireName() {
        return wireName;
    }

    /** Parses the wire value; only the exact spelling matches, anything else is empty. */
    public static Optional<RespondedReason> fromWire(String value) {
        for (RespondedReason reason : values()) {
            if (reason.wireName.equals(value)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
