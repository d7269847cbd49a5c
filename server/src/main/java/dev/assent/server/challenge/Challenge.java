package dev.assent.server.challenge;

import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A challenge: one request to an entity's factor to approve or deny something, with a deadline.
 * See https://www.twilio.com/docs/verify/api/challenge.
 *
 * <p>The status follows {@link ChallengeStateMachine}, the only place that moves it. The stored
 * status of a pending challenge past its expiration date is still {@code PENDING}; {@link #at(Instant)}
 * reads it as {@code EXPIRED}, so every read reports expiry the moment it happens, with no sweep. (The
 * expiry sweep later stores it as {@code at(deadline)} reads, which keeps the stored pending rows few.)
 */
public record Challenge(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        Sid entitySid,
        String identity,
        Sid factorSid,
        FactorType factorType,
        ChallengeStatus status,
        RespondedReason respondedReason,
        ChallengeDetails details,
        Optional<Map<String, String>> hiddenDetails,
        Optional<Map<String, String>> metadata,
        int failedAttempts,
        Instant expirationDate,
        Optional<Instant> dateResponded,
        Instant dateCreated,
        Instant dateUpdated) {

    public Challenge {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(entitySid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(factorSid);
        Objects.requireNonNull(factorType);
        Objects.requireNonNull(status);
        Objects.requireNonNull(respondedReason);
        Objects.requireNonNull(details);
        hiddenDetails = hiddenDetails.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        metadata = metadata.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        Objects.requireNonNull(expirationDate);
        Objects.requireNonNull(dateResponded);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }

    /** Whether the deadline has passed at {@code now}: a challenge expires at its expiration date. */
    public boolean isDue(Instant now) {
        return !now.isBefore(expirationDate);
    }

    /** This challenge as it reads at {@code now}: a pending one past its deadline reads as expired. */
    public Challenge at(Instant now) {
        if (status == ChallengeStatus.PENDING && isDue(now)) {
            return new Challenge(sid, accountSid, serviceSid, entitySid, identity, factorSid, factorType, ChallengeStatus.EXPIRED,
                    RespondedReason.NONE, details, hiddenDetails, metadata, failedAttempts, expirationDate, Optional.empty(),
                    dateCreated, expirationDate);
        }
        return this;
    }
}
