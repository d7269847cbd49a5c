package dev.assent.server.webhook;

import dev.assent.server.challenge.ChallengeEvents;
import dev.assent.server.factor.FactorEvents;
import java.util.List;

/** The event types a webhook may subscribe to: Twilio's, plus Assent's {@code challenge.expired}. */
public final class EventTypes {

    public static final String ALL = "*";
    public static final String FACTOR_CREATED = FactorEvents.CREATED;
    public static final String FACTOR_VERIFIED = FactorEvents.VERIFIED;
    public static final String FACTOR_DELETED = FactorEvents.DELETED;
    public static final String CHALLENGE_APPROVED = ChallengeEvents.APPROVED;
    public static final String CHALLENGE_DENIED = ChallengeEvents.DENIED;
    /** Assent extension (Twilio has no expiry event): emitted by the expiry sweep. */
    public static final String CHALLENGE_EXPIRED = ChallengeEvents.EXPIRED;

    public static final List<String> VALID = List.of(ALL, FACTOR_CREATED, FACTOR_VERIFIED, FACTOR_DELETED, CHALLENGE_APPROVED,
            CHALLENGE_DENIED, CHALLENGE_EXPIRED);

    private EventTypes() {
    }
}
