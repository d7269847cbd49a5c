package dev.assent.server.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The challenge state machine: every legal and illegal transition. */
class ChallengeTest {

    private static final Instant CREATED = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(5));

    private static Challenge challenge(ChallengeStatus status) {
        return new Challenge(Sid.generate(SidType.CHALLENGE), Sid.generate(SidType.ACCOUNT), Sid.generate(SidType.SERVICE),
                Sid.generate(SidType.ENTITY), "user-00000001", Sid.generate(SidType.FACTOR), FactorType.PUSH, status,
                RespondedReason.NONE, new ChallengeDetails(Optional.of("Login"), List.of(), Optional.empty()), Optional.empty(),
                Optional.empty(), 0, EXPIRES, Optional.empty(), CREATED, CREATED);
    }

    @Test
    void pendingChallengeCanBeApproved() {
        Instant now = CREATED.plusSeconds(10);
        Challenge approved = challenge(ChallengeStatus.PENDING).approve(now);
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approved.dateResponded()).contains(now);
        assertThat(approved.dateUpdated()).isEqualTo(now);
        assertThat(approved.respondedReason()).isEqualTo(RespondedReason.NONE);
    }

    @Test
    void pendingChallengeCanBeDenied() {
        assertThat(challenge(ChallengeStatus.PENDING).deny(CREATED.plusSeconds(1)).status()).isEqualTo(ChallengeStatus.DENIED);
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
        assertThatThrownBy(() -> challenge(ChallengeStatus.PENDING).approve(EXPIRES))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_EXPIRED));
        assertThatThrownBy(() -> challenge(ChallengeStatus.PENDING).deny(EXPIRES.plusSeconds(60)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_EXPIRED));
    }

    @ParameterizedTest
    @EnumSource(value = ChallengeStatus.class, names = {"APPROVED", "DENIED"})
    void answeredChallengesAreFinal(ChallengeStatus terminal) {
        Challenge answered = challenge(terminal);
        for (Instant when : List.of(CREATED.plusSeconds(1), EXPIRES.plusSeconds(1))) {
            assertThatThrownBy(() -> answered.approve(when)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_ALREADY_RESPONDED));
            assertThatThrownBy(() -> answered.deny(when)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_ALREADY_RESPONDED));
            assertThat(answered.at(when).status()).isEqualTo(terminal);
        }
    }

    @Test
    void expiredChallengesAreFinal() {
        Challenge expired = challenge(ChallengeStatus.EXPIRED);
        assertThatThrownBy(() -> expired.approve(CREATED.plusSeconds(1))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ApiError.CHALLENGE_EXPIRED));
        assertThat(expired.expireIfDue(EXPIRES.plusSeconds(1))).isSameAs(expired);
    }

    @ParameterizedTest
    @EnumSource(ChallengeStatus.class)
    void onlyPendingIsNotTerminal(ChallengeStatus status) {
        assertThat(status.isTerminal()).isEqualTo(status != ChallengeStatus.PENDING);
    }
}
