package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.PageRequest;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeDetails;
import dev.assent.server.challenge.ChallengeEvent;
import dev.assent.server.challenge.ChallengeStateMachine;
import dev.assent.server.challenge.ChallengeStateMachine.Transition;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.DetailField;
import dev.assent.server.challenge.RespondedReason;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.storage.JdbcChallengeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The challenge store applying the state machine's transitions, on a real database with a fixed
 * clock: each decision is written only over the row it was decided on, and terminal states stay.
 * (Signal-Server's {@code PushChallengeDynamoDbTest} has this shape.) The server only creates the
 * account, service, entity and factor the rows belong to.
 */
abstract class ChallengeStoreContract extends ApiFixture {

    private static final ChallengeEvent GUESS = new ChallengeEvent.GuessCounted();
    private static final PageRequest FIRST_PAGE = new PageRequest(10, PageRequest.SortOrder.ASC, Optional.empty(), 0);

    private JdbcChallengeStore store;
    private FactorParents parents;
    private Sid entitySid;
    private Sid factorSid;
    private Instant now;

    @BeforeEach
    void createParents() {
        store = new JdbcChallengeStore(database);
        parents = FactorParents.create(this, createService(), "user-00000001");
        entitySid = parents.entity();
        factorSid = parents.factor();
        now = clock.instant();
    }

    @Test
    void aChallengeReadsBackAsItWasWritten() {
        Challenge challenge = inserted();
        assertThat(store.find(entitySid, challenge.sid())).contains(challenge);
        assertThat(store.find(new Sid(SidType.ENTITY, "YE" + "0".repeat(32)), challenge.sid())).isEmpty();
    }

    @Test
    void guessesAreCountedUpToFiveAndTheSixthIsRefusedWithoutAWrite() {
        Challenge challenge = inserted();
        for (int attempt = 1; attempt <= ChallengeStateMachine.MAX_ATTEMPTS; attempt++) {
            Challenge stored = store.find(entitySid, challenge.sid()).orElseThrow();
            Challenge next = decided(stored, GUESS, now);
            assertThat(store.apply(stored, next)).isTrue();
            assertThat(store.find(entitySid, challenge.sid())).contains(next);
            assertThat(next.failedAttempts()).isEqualTo(attempt);
        }
        Challenge exhausted = store.find(entitySid, challenge.sid()).orElseThrow();
        assertThat(ChallengeStateMachine.next(exhausted, GUESS, now)).isEqualTo(new Transition.Refused(ApiError.CHALLENGE_ATTEMPTS_EXHAUSTED));
        assertThat(store.find(entitySid, challenge.sid())).contains(exhausted);
    }

    @Test
    void ofTwoDecisionsOnTheSameReadOnlyTheFirstIsWritten() {
        Challenge challenge = inserted();
        Challenge read = store.find(entitySid, challenge.sid()).orElseThrow();
        Challenge first = decided(read, GUESS, now);
        assertThat(store.apply(read, first)).isTrue();
        assertThat(store.apply(read, decided(read, GUESS, now))).as("a guess counted on a stale read").isFalse();
        assertThat(store.find(entitySid, challenge.sid()).orElseThrow().failedAttempts()).isEqualTo(1);

        Challenge pending = store.find(entitySid, challenge.sid()).orElseThrow();
        Challenge approved = decided(pending, answer(ChallengeStatus.APPROVED, Map.of("by", "first")), now);
        Challenge denied = decided(pending, answer(ChallengeStatus.DENIED, Map.of("by", "second")), now);
        assertThat(store.apply(pending, approved)).isTrue();
        assertThat(store.apply(pending, denied)).isFalse();
        assertThat(store.find(entitySid, challenge.sid())).contains(approved);
    }

    @Test
    void anAcceptedGuessApprovesGivesItsAttemptBackAndIsFinal() {
        Challenge challenge = inserted();
        Challenge read = store.find(entitySid, challenge.sid()).orElseThrow();
        Challenge counted = decided(read, GUESS, now);
        assertThat(store.apply(read, counted)).isTrue();
        Instant later = now.plusSeconds(2);
        Challenge approved = decided(counted, new ChallengeEvent.GuessAccepted(Optional.of(Map.of("k", "v"))), later);
        assertThat(store.apply(counted, approved)).isTrue();

        Challenge stored = store.find(entitySid, challenge.sid()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(stored.failedAttempts()).isZero();
        assertThat(stored.dateResponded()).contains(later);
        assertThat(stored.dateUpdated()).isEqualTo(later);
        assertThat(stored.metadata()).contains(Map.of("k", "v"));
        for (ChallengeEvent event : List.of(GUESS, answer(ChallengeStatus.DENIED, Map.of()),
                new ChallengeEvent.GuessAccepted(Optional.empty()))) {
            assertThat(ChallengeStateMachine.next(stored, event, later)).isEqualTo(new Transition.Refused(ApiError.CHALLENGE_ALREADY_RESPONDED));
        }
        assertThat(store.apply(counted, decided(counted, answer(ChallengeStatus.DENIED, Map.of()), later))).isFalse();
        assertThat(store.find(entitySid, challenge.sid())).contains(stored);
    }

    @Test
    void fromItsDeadlineOnAChallengeReadsExpiredAndRefusesEveryEvent() {
        Challenge challenge = inserted();
        Instant deadline = challenge.expirationDate();
        Challenge stored = store.find(entitySid, challenge.sid()).orElseThrow();
        for (ChallengeEvent event : List.of(GUESS, answer(ChallengeStatus.APPROVED, Map.of()))) {
            assertThat(ChallengeStateMachine.next(stored, event, deadline)).isEqualTo(new Transition.Refused(ApiError.CHALLENGE_EXPIRED));
        }
        assertThat(store.list(entitySid, Optional.empty(), Optional.of(ChallengeStatus.EXPIRED), FIRST_PAGE, deadline).items())
                .extracting(Challenge::sid).containsExactly(challenge.sid());
        assertThat(store.list(entitySid, Optional.empty(), Optional.of(ChallengeStatus.PENDING), FIRST_PAGE, deadline.minusMillis(1))
                .items()).extracting(Challenge::sid).containsExactly(challenge.sid());
        assertThat(store.expiredWithoutEvent(deadline, 10)).extracting(Challenge::sid).containsExactly(challenge.sid());
        assertThat(store.markExpiryEmitted(challenge.sid(), deadline)).isTrue();
        assertThat(store.markExpiryEmitted(challenge.sid(), deadline)).isFalse();
        // The mark stores the challenge as it read from its deadline on: nothing a reader sees changes.
        Challenge marked = store.find(entitySid, challenge.sid()).orElseThrow();
        assertThat(marked.status()).isEqualTo(ChallengeStatus.EXPIRED);
        assertThat(marked).isEqualTo(stored.at(deadline));
        assertThat(marked.at(deadline.minusMillis(1))).as("stored expired stays expired").isEqualTo(stored.at(deadline));
        assertThat(store.list(entitySid, Optional.empty(), Optional.of(ChallengeStatus.EXPIRED), FIRST_PAGE, deadline).items())
                .containsExactly(stored.at(deadline));
        assertThat(store.list(entitySid, Optional.empty(), Optional.of(ChallengeStatus.PENDING), FIRST_PAGE, deadline).items())
                .isEmpty();
    }

    @Test
    void anAnswerWithoutMetadataKeepsTheStoredMetadata() {
        Challenge challenge = inserted();
        Challenge stored = store.find(entitySid, challenge.sid()).orElseThrow();
        Challenge denied = decided(stored, new ChallengeEvent.Answered(ChallengeStatus.DENIED, Optional.empty()), now);
        assertThat(store.apply(stored, denied)).isTrue();
        assertThat(store.find(entitySid, challenge.sid()).orElseThrow().metadata()).contains(Map.of("os", "Android"));
    }

    private static ChallengeEvent answer(ChallengeStatus outcome, Map<String, String> metadata) {
        return new ChallengeEvent.Answered(outcome, Optional.of(metadata));
    }

    private static Challenge decided(Challenge stored, ChallengeEvent event, Instant at) {
        Transition transition = ChallengeStateMachine.next(stored, event, at);
        assertThat(transition).isInstanceOf(Transition.Next.class);
        return ((Transition.Next) transition).challenge();
    }

    private Challenge inserted() {
        Challenge challenge = new Challenge(Sid.generate(SidType.CHALLENGE), parents.account(), parents.service(), entitySid, "user-00000001",
                factorSid, FactorType.TOTP, ChallengeStatus.PENDING, RespondedReason.NONE,
                new ChallengeDetails(Optional.of("Login"), List.of(new DetailField("IP", "10.0.0.1")), Optional.of(now)),
                Optional.of(Map.of("ip", "10.0.0.1")), Optional.of(Map.of("os", "Android")), 0, now.plus(Duration.ofMinutes(5)),
                Optional.empty(), now, now);
        store.insert(challenge);
        return challenge;
    }
}
