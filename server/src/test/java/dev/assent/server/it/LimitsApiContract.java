package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.challenge.TotpLockout;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.totp.Base32;
import dev.assent.server.totp.Totp;
import dev.assent.server.totp.TotpAlgorithm;
import dev.assent.server.totp.TotpParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The creation limits at their defaults (Twilio's 60312 and 60326, and the cap of 10 pending push
 * challenges), attacked as the issue found them: many challenges with wrong codes, and real
 * concurrent requests that must not get one creation past a limit, counted in the database.
 */
abstract class LimitsApiContract extends ApiFixture {

    private static final String ID = "user-00000001";

    /**
     * The TOTP lockout off, through its variable as an operator would set it: it stops wrong codes
     * after 10 in a row, long before these limits, and has its own contract (TotpLockoutContract).
     */
    @Override
    ServerSettings settings() {
        return super.settings().withTotpLockout(TotpLockout.fromEnvironment(Map.of(TotpLockout.VARIABLE, "off")));
    }

    @Test
    void aTotpCodeCannotBeBruteForcedWithFreshChallenges() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String right = code(factor[1], clock.instant());
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 50; i++) {
            Http.Reply created = createChallenge(service, factor[0], wrong);
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            assertThat(created.text("status")).isEqualTo("pending");
        }
        Http.Reply refused = createChallenge(service, factor[0], right);
        assertError(refused, 429, 60312);
        assertThat(refused.header("Retry-After")).isEqualTo("3600");
        assertThat(challengeRows(factor[0])).isEqualTo(50);
        assertThat(approvedRows(factor[0])).isZero();

        // An hour later the hourly window has room again, but the day allows only 100 in all.
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            assertThat(createChallenge(service, factor[0], wrong).status()).isEqualTo(201);
        }
        Http.Reply daily = createChallenge(service, factor[0], code(factor[1], clock.instant()));
        assertError(daily, 429, 60312);
        assertThat(daily.header("Retry-After")).isEqualTo(Long.toString(Duration.ofHours(23).toSeconds()));
        assertThat(challengeRows(factor[0])).isEqualTo(100);

        clock.advance(Duration.ofHours(23));
        Http.Reply approved = createChallenge(service, factor[0], code(factor[1], clock.instant()));
        assertThat(approved.status()).isEqualTo(201);
        assertThat(approved.text("status")).isEqualTo("approved");
    }

    @Test
    void concurrentCreationsOnAShortCodeFactorGetExactlyTen() throws Exception {
        String service = createService();
        String factor = verifiedShortCodeFactor(service);
        List<Http.Reply> replies = race(30, () -> createChallenge(service, factor, null));
        assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(10);
        replies.stream().filter(r -> r.status() != 201).forEach(r -> {
            assertError(r, 429, 60312);
            assertThat(r.header("Retry-After")).isEqualTo(Long.toString(Duration.ofHours(24).toSeconds()));
        });
        assertThat(challengeRows(factor)).isEqualTo(10);
    }

    @Test
    void concurrentCreationsOnASixDigitFactorGetExactlyFiftyAnHour() throws Exception {
        String service = createService();
        String factor = verifiedTotpFactor(service, ID)[0];
        List<Http.Reply> replies = race(70, () -> createChallenge(service, factor, null));
        assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(50);
        replies.stream().filter(r -> r.status() != 201).forEach(r -> assertError(r, 429, 60312));
        assertThat(challengeRows(factor)).isEqualTo(50);
    }

    @Test
    void aPushFactorHasAtMostTenPendingChallenges() throws Exception {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        List<Http.Reply> replies = race(25, () -> http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", device.factorSid, "Details.Message", "Log in?")));
        List<Http.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).hasSize(10);
        replies.stream().filter(r -> r.status() != 201).forEach(r -> {
            assertError(r, 429, 20429);
            // The first of the ten expires after the default five minutes, and frees a place.
            assertThat(r.header("Retry-After")).isEqualTo("300");
        });
        assertThat(challengeRows(device.factorSid)).isEqualTo(10);

        // Answering one frees its place; a deadline passing frees all.
        String path = entityPath(service, ID) + "/Challenges/" + created.get(0).text("sid");
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "denied");
        assertThat(http.post(device.auth(clock.instant()), path, params("AuthPayload", answer)).status()).isEqualTo(200);
        assertThat(createPushChallenge(service, ID, device, "Again?").get("status").asText()).isEqualTo("pending");
        assertError(http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", device.factorSid, "Details.Message", "One more?")), 429, 20429);
        clock.advance(Duration.ofMinutes(5));
        assertThat(createPushChallenge(service, ID, device, "Later").get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aServiceMayReplaceTheOldestPendingPushInstead() throws Exception {
        Http.Reply service = http.post(auth, "/v2/Services",
                params("FriendlyName", "Replacing", "Push.ReplaceOldestPendingChallenge", "true"));
        assertThat(service.json().get("push").get("replace_oldest_pending_challenge").asBoolean()).isTrue();
        String sid = service.text("sid");
        TestDevice device = verifiedPushDevice(sid, ID);
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sids.add(createPushChallenge(sid, ID, device, "Log in " + i + "?").get("sid").asText());
            clock.advance(Duration.ofSeconds(1));
        }
        createPushChallenge(sid, ID, device, "Log in 10?");
        assertThat(http.get(auth, entityPath(sid, ID) + "/Challenges/" + sids.get(0)).text("status")).isEqualTo("expired");
        assertThat(http.get(auth, entityPath(sid, ID) + "/Challenges/" + sids.get(1)).text("status")).isEqualTo("pending");
        // The expiry sweep treats the replaced challenge like any expired one: it emits challenge.expired once.
        await("the expiry event of the replaced challenge", () -> count(
                "SELECT COUNT(*) FROM challenges WHERE sid = :id AND expiry_emitted_at IS NOT NULL", sids.get(0)) == 1);

        List<Http.Reply> replies = race(20, () -> http.post(auth, entityPath(sid, ID) + "/Challenges",
                params("FactorSid", device.factorSid, "Details.Message", "Log in?")));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.raw().body()).isEqualTo(201));
        assertThat(count("SELECT COUNT(*) FROM challenges WHERE factor_sid = :id AND status = 'pending' AND expires_at > "
                + clock.instant().toEpochMilli(), device.factorSid)).isEqualTo(10);
        assertThat(challengeRows(device.factorSid)).isEqualTo(31);

        // Turned off again, the cap refuses as by default.
        http.post(auth, "/v2/Services/" + sid, params("Push.ReplaceOldestPendingChallenge", "false"));
        assertError(http.post(auth, entityPath(sid, ID) + "/Challenges",
                params("FactorSid", device.factorSid, "Details.Message", "Log in?")), 429, 20429);
    }

    @Test
    void deletedFactorsStillCountAndConcurrentCreationsStopAtOneHundred() throws Exception {
        String service = createService();
        String factors = entityPath(service, ID) + "/Factors";
        for (int i = 0; i < 90; i++) {
            Http.Reply created = http.post(auth, factors, params("FriendlyName", "Authenticator", "FactorType", "totp"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            assertThat(http.delete(auth, factors + "/" + created.text("sid")).status()).isEqualTo(204);
        }
        clock.advance(Duration.ofHours(1));
        List<Http.Reply> replies = race(30, () -> http.post(auth, factors, params("FriendlyName", "Authenticator", "FactorType", "totp")));
        assertThat(replies.stream().filter(r -> r.status() == 201).count()).isEqualTo(10);
        replies.stream().filter(r -> r.status() != 201).forEach(r -> {
            assertError(r, 429, 60326);
            assertThat(r.header("Retry-After")).isEqualTo(Long.toString(Duration.ofHours(23).toSeconds()));
        });
        assertThat(count("SELECT COUNT(*) FROM factors f JOIN entities e ON e.sid = f.entity_sid WHERE e.identity = :id", ID))
                .isEqualTo(10);
        // The limit is the identity's, so deleting the entity does not reset it.
        assertThat(http.delete(auth, entityPath(service, ID)).status()).isEqualTo(204);
        assertError(http.post(auth, factors, params("FriendlyName", "Authenticator", "FactorType", "totp")), 429, 60326);
        clock.advance(Duration.ofHours(23));
        assertThat(http.post(auth, factors, params("FriendlyName", "Authenticator", "FactorType", "totp")).status()).isEqualTo(201);
    }

    private Http.Reply createChallenge(String service, String factorSid, String authPayload) {
        return http.post(auth, entityPath(service, ID) + "/Challenges", authPayload == null
                ? params("FactorSid", factorSid) : params("FactorSid", factorSid, "AuthPayload", authPayload));
    }

    /** A verified TOTP factor with 4-digit codes, which get Twilio's short-code limit of 10 a day. */
    private String verifiedShortCodeFactor(String service) {
        Http.Reply created = http.post(auth, entityPath(service, ID) + "/Factors",
                params("FriendlyName", "Short", "FactorType", "totp", "Config.CodeLength", "4"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String sid = created.text("sid");
        String secret = created.json().get("binding").get("secret").asText();
        TotpParameters fourDigits = new TotpParameters(TotpAlgorithm.SHA1, 4, Duration.ofSeconds(30), 1);
        Http.Reply verified = http.post(auth, entityPath(service, ID) + "/Factors/" + sid,
                params("AuthPayload", Totp.generate(Base32.decode(secret), fourDigits, clock.instant())));
        assertThat(verified.text("status")).isEqualTo("verified");
        return sid;
    }

    /** Sends {@code n} requests at once, released together, and waits for all of their replies. */
    private static List<Http.Reply> race(int n, Callable<Http.Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private int challengeRows(String factorSid) {
        return count("SELECT COUNT(*) FROM challenges WHERE factor_sid = :id", factorSid);
    }

    private int approvedRows(String factorSid) {
        return count("SELECT COUNT(*) FROM challenges WHERE factor_sid = :id AND status = 'approved'", factorSid);
    }

    private int count(String sql, String id) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).bindMap(Map.of("id", id)).mapTo(Integer.class).one());
    }
}
