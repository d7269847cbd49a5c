package dev.assent.server.challenge;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/** Why a challenge was answered as it was; Twilio reports {@code none} for every ordinary answer. */
public enum RespondedReason implements WireValue {
    NONE("none"), NOT_NEEDED("not_needed"), NOT_REQUESTED("not_requested");

    private final String wireName;

    RespondedReason(String wireName) {
        this.wireName = wireName;
    }

    /** The value Twilio's API renders, e.g. {@code not_needed}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses the wire value; only the exact spelling matches, anything else is empty. */
    public static Optional<RespondedReason> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
