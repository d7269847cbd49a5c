package dev.assent.server.webhook;

import dev.assent.server.api.WireValue;
import dev.assent.server.challenge.ChallengeEvents;
import dev.assent.server.factor.FactorEvents;
import java.util.Optional;

/** The event types a webhook may subscribe to: Twilio's, plus Assent's {@code challenge.expired}. */
public enum EventType implements WireValue {
    /** Every event. */
    ALL("*"),
    FACTOR_CREATED(FactorEvents.CREATED),
    FACTOR_VERIFIED(FactorEvents.VERIFIED),
    FACTOR_DELETED(FactorEvents.DELETED),
    CHALLENGE_APPROVED(ChallengeEvents.APPROVED),
    CHALLENGE_DENIED(ChallengeEvents.DENIED),
    /** Assent extension (Twilio has no expiry event): emitted by the expiry sweep. */
    CHALLENGE_EXPIRED(ChallengeEvents.EXPIRED);

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code EventTypes} and of a delivery's {@code type}, e.g. {@code challenge.approved}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Parses the wire value; only the exact spelling matches, anything else is empty. */
    public static Optional<EventType> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
