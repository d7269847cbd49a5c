package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The TOTP lockout across challenges (default: 10 wrong codes in a row lock the factor for 1 min,
 * doubling per further lockout up to 1 h, until a right code), through the real API.
 */
abstract class TotpLockoutContract extends ApiFixture {

    private static final String ID = "user-00000001";

    @Test
    void tenWrongCodesInARowAcrossChallengesLockTheFactorForAMinute() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        wrongCodes(service, factor, 10);

        String pending = pendingChallenge(service, ID, factor[0]);
        Http.Reply locked = http.post(auth, challengePath(service, ID, pending), params("AuthPayload", code(factor[1], clock.instant())));
        assertError(locked, 429, 60310);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(stored("challenges", "failed_attempts", pending)).as("a refused code takes no attempt").isEqualTo("0");

        int before = http.get(auth, entityPath(service, ID) + "/Challenges").json().get("challenges").size();
        clock.advance(Duration.ofSeconds(59));
        Http.Reply create = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertError(create, 429, 60310);
        assertThat(create.header("Retry-After")).isEqualTo("1");
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges").json().get("challenges"))
                .as("a refused creation leaves no challenge").hasSize(before);

        clock.advance(Duration.ofSeconds(1));
        Http.Reply approved = http.post(auth, challengePath(service, ID, pending), params("AuthPayload", code(factor[1], clock.instant())));
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("approved");
    }

    @Test
    void exhaustingOneChallengeDoesNotLockTheFactor() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String exhausted = wrongCodes(service, factor, 5).getLast();
        assertError(http.post(auth, challengePath(service, ID, exhausted), params("AuthPayload", "123456")), 429, 60308);

        Http.Reply created = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("approved");
    }

    @Test
    void eachFurtherLockoutDoublesAndARightCodeStartsAfresh() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        for (long lockout : new long[] {60, 120, 240}) {
            clock.advance(Duration.ofSeconds(30));
            wrongCodes(service, factor, 10);
            Http.Reply locked = http.post(auth, challengePath(service, ID, pendingChallenge(service, ID, factor[0])), params("AuthPayload", "123456"));
            assertError(locked, 429, 60310);
            assertThat(locked.header("Retry-After")).isEqualTo(Long.toString(lockout));
            clock.advance(Duration.ofSeconds(lockout));
        }
        Http.Reply approved = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertThat(approved.text("status")).isEqualTo("approved");

        // The success forgot the failures and the lockouts: nine more do not lock, ten lock for a minute again.
        clock.advance(Duration.ofSeconds(30));
        wrongCodes(service, factor, 9);
        String next = pendingChallenge(service, ID, factor[0]);
        assertThat(http.post(auth, challengePath(service, ID, next), params("AuthPayload", wrongCode(factor[1]))).text("status"))
                .isEqualTo("pending");
        Http.Reply locked = http.post(auth, challengePath(service, ID, next), params("AuthPayload", code(factor[1], clock.instant())));
        assertError(locked, 429, 60310);
        assertThat(locked.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void fiftyConcurrentWrongCodesAcrossFourChallengesAreJudgedAtMostTenTimes() throws Exception {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        List<String> challenges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            challenges.add(pendingChallenge(service, ID, factor[0]));
        }
        String wrong = wrongCode(factor[1]);
        int racers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Http.Reply> replies = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String path = challengePath(service, ID, challenges.get(i % challenges.size()));
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.post(auth, path, params("AuthPayload", wrong));
                }));
            }
            start.countDown();
            for (Future<Http.Reply> future : futures) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        int judged = 0;
        for (Http.Reply reply : replies) {
            if (reply.status() == 200) {
                assertThat(reply.text("status")).isEqualTo("pending");
                judged++;
            } else if (reply.json().get("code").asInt() == 60310) {
                assertError(reply, 429, 60310);
                assertThat(reply.header("Retry-After")).isEqualTo("60");
            } else {
                assertError(reply, 429, 60308);
            }
        }
        assertThat(judged).isEqualTo(10);
        assertThat(challenges.stream().mapToInt(sid -> Integer.parseInt(stored("challenges", "failed_attempts", sid))).sum())
                .isEqualTo(10);
        assertThat(Long.parseLong(stored("factors", "totp_locked_until", factor[0])))
                .isEqualTo(clock.instant().plusSeconds(60).toEpochMilli());
    }

    /** Answers {@code count} wrong codes, five per fresh challenge; returns the challenges. */
    private List<String> wrongCodes(String service, String[] factor, int count) {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i % 5 == 0) {
                used.add(pendingChallenge(service, ID, factor[0]));
            }
            Http.Reply reply = http.post(auth, challengePath(service, ID, used.getLast()), params("AuthPayload", wrongCode(factor[1])));
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            assertThat(reply.text("status")).isEqualTo("pending");
        }
        return used;
    }
}
