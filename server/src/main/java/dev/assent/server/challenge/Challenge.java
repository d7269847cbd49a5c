package dev.assent.server.challenge;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
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
 * <p>The status is an explicit state machine. The stored status of a pending challenge past its
 * expiration date is still {@code PENDING}; {@link #at(Instant)} reads it as {@code EXPIRED}, so
 * every read reports expiry the moment it happens, with no sweep.
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

    /** Wrong codes after which a TOTP challenge refuses every further attempt (Twilio: 5). */
    public static final int MAX_ATTEMPTS = 5;

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
        return expireIfDue(now);
    }

    /** The expired challenge if pending and due; otherwise this one unchanged. */
    public Challenge expireIfDue(Instant now) {
        if (status == ChallengeStatus.PENDING && isDue(now)) {
            return withStatus(ChallengeStatus.EXPIRED, Optional.empty(), expirationDate);
        }
        return this;
    }

    public Challenge approve(Instant now) {
        return respond(ChallengeStatus.APPROVED, now);
    }

    public Challenge deny(Instant now) {
        return respond(ChallengeStatus.DENIED, now);
    }

    /** Throws the error an answer to this challenge gets at {@code now} unless it is pending and not due. */
    public void requireAnswerable(Instant now) {
        switch (at(now).status) {
            case PENDING -> { }
            case EXPIRED -> throw new ApiException(ApiError.CHALLENGE_EXPIRED);
            case APPROVED, DENIED -> throw new ApiException(ApiError.CHALLENGE_ALREADY_RESPONDED);
        }
    }

    private Challenge respond(ChallengeStatus outcome, Instant now) {
        requireAnswerable(now);
        return withStatus(outcome, Optional.of(now), now);
    }

    private Challenge withStatus(ChallengeStatus next, Optional<Instant> responded, Instant updated) {
        return new Challenge(sid, accountSid, serviceSid, entitySid, identity, factorSid, factorType, next, RespondedReason.NONE,
                details, hiddenDetails, metadata, failedAttempts, expirationDate, responded, dateCreated, updated);
    }

    public Challenge withMetadata(Optional<Map<String, String>> newMetadata) {
        return new Challenge(sid, accountSid, serviceSid, entitySid, identity, factorSid, factorType, status, respondedReason,
                details, hiddenDetails, newMetadata, failedAttempts, expirationDate, dateResponded, dateCreated, dateUpdated);
    }
}
