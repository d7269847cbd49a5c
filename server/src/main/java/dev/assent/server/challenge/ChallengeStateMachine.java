package dev.assent.server.challenge;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The challenge state machine, in one place: {@code PENDING -> APPROVED | DENIED | EXPIRED}, the
 * terminal states never change, and a pending challenge takes at most {@value #MAX_ATTEMPTS} TOTP
 * guesses. {@link #next} decides; {@link ChallengeStore#apply} writes the decision only if the row
 * is still the one it was decided on, so of racing requests one wins and the others decide again.
 */
public final class ChallengeStateMachine {

    /** Wrong codes after which a TOTP challenge refuses every further attempt (Twilio: 5). */
    public static final int MAX_ATTEMPTS = 5;

    private ChallengeStateMachine() {
    }

    /** What a transition leads to: the next state, or why it is refused. */
    public sealed interface Transition {
        /** The challenge after the event, to be written over the stored one. */
        record Next(Challenge challenge) implements Transition {
        }

        /** The event is refused in the stored state; nothing changes. */
        record Refused(ApiError reason) implements Transition {
            public ApiException exception() {
                return new ApiException(reason);
            }
        }
    }

    /** The state {@code event} moves the {@code stored} challenge to at {@code now}, or why it may not. */
    public static Transition next(Challenge stored, ChallengeEvent event, Instant now) {
        Objects.requireNonNull(event);
        Optional<ApiError> closed = whyClosed(stored, now);
        if (closed.isPresent()) {
            return new Transition.Refused(closed.get());
        }
        return switch (event) {
            case ChallengeEvent.GuessCounted counted -> stored.failedAttempts() >= MAX_ATTEMPTS
                    ? new Transition.Refused(ApiError.CHALLENGE_ATTEMPTS_EXHAUSTED)
                    : new Transition.Next(with(stored, ChallengeStatus.PENDING, stored.failedAttempts() + 1, Optional.empty(),
                            stored.metadata(), now));
            case ChallengeEvent.GuessAccepted accepted -> stored.failedAttempts() < 1
                    ? new Transition.Refused(ApiError.CHALLENGE_VERIFICATION_FAILED)
                    : new Transition.Next(with(stored, ChallengeStatus.APPROVED, stored.failedAttempts() - 1, Optional.of(now),
                            accepted.metadata().or(stored::metadata), now));
            case ChallengeEvent.Answered answered -> new Transition.Next(with(stored, answered.outcome(), stored.failedAttempts(),
                    Optional.of(now), answered.metadata().or(stored::metadata), now));
        };
    }

    /** Throws the error any answer to {@code stored} gets at {@code now} unless it is pending and not due. */
    public static void requireAnswerable(Challenge stored, Instant now) {
        Optional<ApiError> closed = whyClosed(stored, now);
        if (closed.isPresent()) {
            throw new ApiException(closed.get());
        }
    }

    private static Optional<ApiError> whyClosed(Challenge stored, Instant now) {
        return switch (stored.at(now).status()) {
            case PENDING -> Optional.empty();
            case EXPIRED -> Optional.of(ApiError.CHALLENGE_EXPIRED);
            case APPROVED, DENIED -> Optional.of(ApiError.CHALLENGE_ALREADY_RESPONDED);
        };
    }

    private static Challenge with(Challenge c, ChallengeStatus status, int attempts, Optional<Instant> responded,
            Optional<java.util.Map<String, String>> metadata, Instant now) {
        return new Challenge(c.sid(), c.accountSid(), c.serviceSid(), c.entitySid(), c.identity(), c.factorSid(), c.factorType(),
                status, RespondedReason.NONE, c.details(), c.hiddenDetails(), metadata, attempts, c.expirationDate(), responded,
                c.dateCreated(), now);
    }
}
