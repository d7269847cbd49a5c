package dev.assent.server.challenge;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Something that happens to a challenge; {@link ChallengeStateMachine} says what it leads to. */
public sealed interface ChallengeEvent {

    /** A TOTP code arrived: it takes one of the challenge's attempts before it is judged. */
    record GuessCounted() implements ChallengeEvent {
    }

    /**
     * The code whose attempt was counted proved right: the challenge is approved and the attempt
     * given back, so {@code failed_attempts} counts wrong codes only.
     */
    record GuessAccepted(Optional<Map<String, String>> metadata) implements ChallengeEvent {
        public GuessAccepted {
            Objects.requireNonNull(metadata);
        }
    }

    /** The device's signed answer: approve or deny. */
    record Answered(ChallengeStatus outcome, Optional<Map<String, String>> metadata) implements ChallengeEvent {
        public Answered {
            if (outcome != ChallengeStatus.APPROVED && outcome != ChallengeStatus.DENIED) {
                throw new IllegalArgumentException("an answer approves or denies, not " + outcome);
            }
            Objects.requireNonNull(metadata);
        }
    }
}
