package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guesses raced as an attacker would: many real concurrent HTTP requests at one TOTP challenge or
 * one unverified factor. Each guess is counted before it is judged, so at most five are judged, and
 * every answer reports its own outcome, never a status a concurrent request set.
 */
abstract class AttemptRaceContract extends ApiFixture {

    private static final String ID = "user-00000001";
    private static final int RACERS = 50;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void fiftyConcurrentWrongCodesOnOneChallengeAreJudgedAtMostFiveTimes() throws Exception {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String sid = pendingChallenge(service, ID, factor[0]);
        String wrong = wrongCode(factor[1]);

        List<Http.Reply> replies = race(i -> params("AuthPayload", wrong), challengePath(service, ID, sid));

        int pending = 0;
        for (Http.Reply reply : replies) {
            if (reply.status() == 200) {
                assertThat(reply.text("status")).isEqualTo("pending");
                pending++;
            } else {
                assertError(reply, 429, 60308);
            }
        }
        assertThat(pending).isEqualTo(5);
        assertThat(stored("challenges", "failed_attempts", sid)).isEqualTo("5");
        assertThat(stored("challenges", "status", sid)).isEqualTo("pending");
        // The right code is not judged either once the five attempts are used up.
        assertError(http.post(auth, challengePath(service, ID, sid), params("AuthPayload", code(factor[1], clock.instant()))), 429, 60308);
        assertThat(http.get(auth, challengePath(service, ID, sid)).text("status")).isEqualTo("pending");
    }

    @Test
    void ofFiftyRacersWithTheValidCodeExactlyOneIsApproved() throws Exception {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String sid = pendingChallenge(service, ID, factor[0]);
        String valid = code(factor[1], clock.instant());

        List<Http.Reply> replies = race(i -> params("AuthPayload", valid), challengePath(service, ID, sid));

        int approved = 0;
        for (Http.Reply reply : replies) {
            if (reply.status() == 200) {
                assertThat(reply.text("status")).isEqualTo("approved");
                approved++;
            } else {
                assertError(reply, 403, 60322);
            }
        }
        assertThat(approved).isEqualTo(1);
        assertThat(stored("challenges", "status", sid)).isEqualTo("approved");
        assertThat(stored("challenges", "failed_attempts", sid)).isEqualTo("0");
    }

    @Test
    void aWrongCodeRacingTheValidOneIsNeverToldApproved() throws Exception {
        String service = createService();
        // A fresh factor per round: a round whose valid code loses leaves five wrong codes on its factor.
        for (int round = 0; round < 3; round++) {
            String identity = "user-0000000" + (round + 2);
            String[] factor = verifiedTotpFactor(service, identity);
            clock.advance(Duration.ofSeconds(30));
            String sid = http.post(auth, entityPath(service, identity) + "/Challenges", params("FactorSid", factor[0])).text("sid");
            String valid = code(factor[1], clock.instant());
            String wrong = wrongCode(factor[1]);
            int validRacer = round * 17 % RACERS;

            List<Http.Reply> replies = race(i -> params("AuthPayload", i == validRacer ? valid : wrong),
                    entityPath(service, identity) + "/Challenges/" + sid);

            int judgedWrong = 0;
            boolean approved = false;
            for (int i = 0; i < RACERS; i++) {
                Http.Reply reply = replies.get(i);
                if (i == validRacer) {
                    approved = reply.status() == 200;
                    if (approved) {
                        assertThat(reply.text("status")).isEqualTo("approved");
                    } else {
                        assertError(reply, 429, 60308);
                    }
                } else if (reply.status() == 200) {
                    assertThat(reply.text("status")).as("a wrong code's own outcome").isEqualTo("pending");
                    judgedWrong++;
                } else if (reply.status() == 429) {
                    assertError(reply, 429, 60308);
                } else {
                    assertError(reply, 403, 60322);
                }
            }
            assertThat(judgedWrong).isLessThanOrEqualTo(approved ? 4 : 5);
            assertThat(stored("challenges", "status", sid)).isEqualTo(approved ? "approved" : "pending");
            assertThat(stored("challenges", "failed_attempts", sid)).isEqualTo(Integer.toString(judgedWrong));
        }
    }

    @Test
    void fiftyConcurrentWrongCodesOnFactorVerificationAreJudgedAtMostFiveTimes() throws Exception {
        String service = createService();
        String sid = unverifiedTotpFactor(service)[0];

        List<Http.Reply> replies = race(i -> params("AuthPayload", "00000000"), entityPath(service, ID) + "/Factors/" + sid);

        int unverified = 0;
        for (Http.Reply reply : replies) {
            if (reply.status() == 200) {
                assertThat(reply.text("status")).isEqualTo("unverified");
                unverified++;
            } else {
                assertError(reply, 429, 60310);
            }
        }
        assertThat(unverified).isEqualTo(5);
        assertThat(stored("factors", "failed_attempts", sid)).isEqualTo("5");
        assertThat(stored("factors", "status", sid)).isEqualTo("unverified");
    }

    @Test
    void ofFiftyRacersVerifyingAFactorWithTheValidCodeExactlyOneVerifiesIt() throws Exception {
        String service = createService();
        String[] factor = unverifiedTotpFactor(service);
        String valid = code(factor[1], clock.instant());

        List<Http.Reply> replies = race(i -> params("AuthPayload", valid), entityPath(service, ID) + "/Factors/" + factor[0]);

        int verified = 0;
        for (Http.Reply reply : replies) {
            if (reply.status() == 200) {
                assertThat(reply.text("status")).isEqualTo("verified");
                verified++;
            } else {
                assertError(reply, 403, 60311);
            }
        }
        assertThat(verified).isEqualTo(1);
        assertThat(stored("factors", "status", factor[0])).isEqualTo("verified");
        assertThat(stored("factors", "failed_attempts", factor[0])).isEqualTo("0");
    }

    @Test
    void aVerifiedFactorChecksNoTotpCodeAgainButADeviceMayRepeatItsProof() {
        String service = createService();
        String[] totp = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String path = entityPath(service, ID) + "/Factors/" + totp[0];
        for (String payload : new String[] {code(totp[1], clock.instant()), wrongCode(totp[1])}) {
            assertError(http.post(auth, path, params("AuthPayload", payload)), 403, 60311);
        }
        assertThat(stored("factors", "failed_attempts", totp[0])).isEqualTo("0");
        // The code above was not checked, so it is still fresh for a challenge.
        Http.Reply approved = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", totp[0], "AuthPayload", code(totp[1], clock.instant())));
        assertThat(approved.text("status")).isEqualTo("approved");

        TestDevice device = verifiedPushDevice(service, ID);
        String pushPath = entityPath(service, ID) + "/Factors/" + device.factorSid;
        Http.Reply again = http.post(device.auth(clock.instant()), pushPath, params("AuthPayload", device.proof()));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("verified");
        TestDevice impostor = new TestDevice();
        impostor.factorSid = device.factorSid;
        assertError(http.post(device.auth(clock.instant()), pushPath, params("AuthPayload", impostor.proof())), 403, 60311);
    }

    /** Sends {@value #RACERS} POSTs to {@code path} at once, racer {@code i} with {@code form.apply(i)}; replies in racer order. */
    private List<Http.Reply> race(IntFunction<List<java.util.Map.Entry<String, String>>> form, String path) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            List<java.util.Map.Entry<String, String>> params = form.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                return http.post(auth, path, params);
            }));
        }
        start.countDown();
        List<Http.Reply> replies = new ArrayList<>();
        for (Future<Http.Reply> future : futures) {
            replies.add(future.get());
        }
        return replies;
    }

    private String[] unverifiedTotpFactor(String service) {
        Http.Reply created = http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "a", "FactorType", "totp"));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {created.text("sid"), created.json().get("binding").get("secret").asText()};
    }
}
