package dev.assent.server.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.challenge.ChallengeStateMachine.Transition;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The challenge state machine: every legal and illegal transition. */
class ChallengeStateMachineTest {

    private static final Instant CREATED = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(5));
    private static final ChallengeEvent APPROVE = new ChallengeEvent.Answered(ChallengeStatus.APPROVED, Optional.empty());
    private static final ChallengeEvent DENY = new ChallengeEvent.Answered(ChallengeStatus.DENIED, Optional.empty());
    private static final ChallengeEvent GUESS = new ChallengeEvent.GuessCounted();
    private static final ChallengeEvent ACCEPT = new ChallengeEvent.GuessAccepted(Optional.empty());

    private static Challenge challenge(ChallengeStatus status, int failedAttempts) {
        return new Challenge(Sid.generate(SidType.CHALLENGE), Sid.generate(SidType.ACCOUNT), Sid.generate(SidType.SERVICE),
                Sid.generate(SidType.ENTITY), "user-00000001", Sid.generate(SidType.FACTOR), FactorType.PUSH, status,
                RespondedReason.NONE, new ChallengeDetails(Optional.of("Login"), List.of(), Optional.empty()), Optional.empty(),
                Optional.of(Map.of("os", "Android")), failedAttempts, EXPIRES, Optional.empty(), CREATED, CREATED);
    }

    private static Challenge challenge(ChallengeStatus status) {
        return challenge(status, 0);
    }

    private static Challenge next(Challenge stored, ChallengeEvent event, Instant now) {
        Transition transition = ChallengeStateMachine.next(stored, event, now);
        assertThat(transition).isInstanceOf(Transition.Next.class);
        return ((Transition.Next) transition).challenge();
    }

    private static void assertRefused(Challenge stored, ChallengeEvent event, Instant now, ApiError reason) {
        assertThat(ChallengeStateMachine.next(stored, event, now)).isEqualTo(new Transition.Refused(reason));
    }

    @Test
    void pendingChallengeCanBeApproved() {
        Instant now = CREATED.plusSeconds(10);
        Challenge approved = next(challenge(ChallengeStatus.PENDING), APPROVE, now);
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approved.dateResponded()).contains(now);
        assertThat(approved.dateUpdated()).isEqualTo(now);
        assertThat(approved.respondedReason()).isEqualTo(RespondedReason.NONE);
        assertThat(approved.metadata()).contains(Map.of("os", "Android"));
    }

    @Test
    void pendingChallengeCanBeDenied() {
        Challenge denied = next(challenge(ChallengeStatus.PENDING), new ChallengeEvent.Answered(ChallengeStatus.DENIED,
                Optional.of(Map.of("reason", "not me"))), CREATED.plusSeconds(1));
        assertThat(denied.status()).isEqualTo(ChallengeStatus.DENIED);
        assertThat(denied.metadata()).contains(Map.of("reason", "not me"));
    }

    @Test
    void pendingChallengeReadsExpiredFromItsDeadlineOn() {
        Challenge pending = challenge(ChallengeStatus.PENDING);
        assertThat(pending.at(EXPIRES.minusMillis(1)).status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(pending.at(EXPIRES).status()).isEqualTo(ChallengeStatus.EXPIRED);
        assertThat(pending.at(EXPIRES).dateResponded()).isEmpty();
    }

    @Test
    void answeringAtOrAfterTheDeadlineFailsAsExpired() {
        for (ChallengeEvent event : List.of(APPROVE, DENY, GUESS)) {
            assertRefused(challenge(ChallengeStatus.PENDING), event, EXPIRES, ApiError.CHALLENGE_EXPIRED);
            assertRefused(challenge(ChallengeStatus.PENDING), event, EXPIRES.plusSeconds(60), ApiError.CHALLENGE_EXPIRED);
        }
        assertRefused(challenge(ChallengeStatus.PENDING, 1), ACCEPT, EXPIRES, ApiError.CHALLENGE_EXPIRED);
        assertThatThrownBy(() -> ChallengeStateMachine.requireAnswerable(challenge(ChallengeStatus.PENDING), EXPIRES))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_EXPIRED));
    }

    @ParameterizedTest
    @EnumSource(value = ChallengeStatus.class, names = {"APPROVED", "DENIED"})
    void answeredChallengesAreFinal(ChallengeStatus terminal) {
        Challenge answered = challenge(terminal, 1);
        for (Instant when : List.of(CREATED.plusSeconds(1), EXPIRES.plusSeconds(1))) {
            for (ChallengeEvent event : List.of(APPROVE, DENY, GUESS, ACCEPT)) {
                assertRefused(answered, event, when, ApiError.CHALLENGE_ALREADY_RESPONDED);
            }
            assertThat(answered.at(when).status()).isEqualTo(terminal);
        }
    }

    @Test
    void expiredChallengesAreFinal() {
        Challenge expired = challenge(ChallengeStatus.EXPIRED, 1);
        for (ChallengeEvent event : List.of(APPROVE, DENY, GUESS, ACCEPT)) {
            assertRefused(expired, event, CREATED.plusSeconds(1), ApiError.CHALLENGE_EXPIRED);
        }
        assertThat(expired.at(EXPIRES.plusSeconds(1))).isSameAs(expired);
    }

    @Test
    void aGuessTakesOneOfFiveAttemptsBeforeItIsJudged() {
        Challenge stored = challenge(ChallengeStatus.PENDING);
        Instant now = CREATED.plusSeconds(5);
        for (int attempt = 1; attempt <= ChallengeStateMachine.MAX_ATTEMPTS; attempt++) {
            stored = next(stored, GUESS, now);
            assertThat(stored.failedAttempts()).isEqualTo(attempt);
            assertThat(stored.status()).isEqualTo(ChallengeStatus.PENDING);
            assertThat(stored.dateUpdated()).isEqualTo(now);
        }
        assertRefused(stored, GUESS, now, ApiError.CHALLENGE_ATTEMPTS_EXHAUSTED);
    }

    @Test
    void anAcceptedGuessApprovesAndGivesItsAttemptBack() {
        Instant now = CREATED.plusSeconds(5);
        Challenge fifth = challenge(ChallengeStatus.PENDING, ChallengeStateMachine.MAX_ATTEMPTS);
        Challenge approved = next(fifth, new ChallengeEvent.GuessAccepted(Optional.of(Map.of("k", "v"))), now);
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approved.failedAttempts()).isEqualTo(ChallengeStateMachine.MAX_ATTEMPTS - 1);
        assertThat(approved.dateResponded()).contains(now);
        assertThat(approved.metadata()).contains(Map.of("k", "v"));
    }

    @Test
    void noGuessIsAcceptedWithoutTheAttemptItTook() {
        assertRefused(challenge(ChallengeStatus.PENDING, 0), ACCEPT, CREATED.plusSeconds(1), ApiError.CHALLENGE_VERIFICATION_FAILED);
    }

    @Test
    void onlyApprovalOrDenialIsAnAnswer() {
        assertThatThrownBy(() -> new ChallengeEvent.Answered(ChallengeStatus.EXPIRED, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChallengeEvent.Answered(ChallengeStatus.PENDING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ChallengeStatus.class)
    void onlyPendingIsNotTerminal(ChallengeStatus status) {
        assertThat(status.isTerminal()).isEqualTo(status != ChallengeStatus.PENDING);
    }
}
