package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Challenges API end to end: TOTP codes, device-signed push answers, expiry, races. */
abstract class ChallengeApiContract extends ApiFixture {

    private static final String ID = "user-00000001";

    @Test
    void totpChallengeApprovedAtCreationWithAValidCode() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        Http.Reply reply = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("approved");
        assertThat(reply.text("date_responded")).isNotNull();
        assertThat(reply.text("factor_type")).isEqualTo("totp");
    }

    @Test
    void wrongTotpCodesLeaveThePendingChallengeUntilTheLimit() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String sid = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor[0])).text("sid");
        String path = entityPath(service, ID) + "/Challenges/" + sid;
        for (int i = 0; i < 5; i++) {
            Http.Reply wrong = http.post(auth, path, params("AuthPayload", "000000".equals(code(factor[1], clock.instant())) ? "111111" : "000000"));
            assertThat(wrong.status()).isEqualTo(200);
            assertThat(wrong.text("status")).isEqualTo("pending");
        }
        assertError(http.post(auth, path, params("AuthPayload", code(factor[1], clock.instant()))), 429, 60308);
        assertThat(http.get(auth, path).text("status")).isEqualTo("pending");
    }

    @Test
    void aTotpCodeIsAcceptedOncePerFactor() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String code = code(factor[1], clock.instant());
        String first = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor[0])).text("sid");
        String second = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor[0])).text("sid");
        assertThat(http.post(auth, entityPath(service, ID) + "/Challenges/" + first, params("AuthPayload", code)).text("status"))
                .isEqualTo("approved");
        assertThat(http.post(auth, entityPath(service, ID) + "/Challenges/" + second, params("AuthPayload", code)).text("status"))
                .isEqualTo("pending");
        assertError(http.post(auth, entityPath(service, ID) + "/Challenges/" + first, params("AuthPayload", code)), 403, 60322);
    }

    @Test
    void challengesNeedAVerifiedFactorAndValidParameters() {
        String service = createService();
        String unverified = http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "a", "FactorType", "totp"))
                .text("sid");
        assertError(http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", unverified)), 403, 60318);
        Http.Reply missing = http.post(auth, entityPath(service, ID) + "/Challenges", params());
        assertError(missing, 400, 60362);
        assertThat(missing.text("message")).contains("FactorSid");
        TestDevice device = verifiedPushDevice(service, ID);
        String challenges = entityPath(service, ID) + "/Challenges";
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid)), 400, 60368);
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "x".repeat(257))), 400, 60368);
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "m",
                "HiddenDetails", "[1,2]")), 400, 60368);
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "m",
                "Details.Fields", "{\"label\":\"" + "l".repeat(37) + "\",\"value\":\"v\"}")), 400, 60368);
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "m",
                "ExpirationDate", "2026-01-15T11:00:01Z")), 400, 60306);
        assertError(http.post(auth, challenges, params("FactorSid", "YF" + "0".repeat(32), "Details.Message", "m")), 404, 20404);
        assertThat(http.get(auth, challenges).json().get("challenges")).isEmpty();
    }

    @Test
    void expirationDateAcceptsZuluOffsetAndNoOffset() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String challenges = entityPath(service, ID) + "/Challenges";
        for (String date : new String[] {"2026-01-15T10:10:00Z", "2026-01-15T12:10:00+02:00", "2026-01-15T10:10:00"}) {
            Http.Reply reply = http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "m",
                    "ExpirationDate", date));
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
            assertThat(reply.text("expiration_date")).isEqualTo("2026-01-15T10:10:00Z");
        }
    }

    @Test
    void deviceApprovesItsPushChallengeWithASignedAnswer() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login request").get("sid").asText();
        String path = entityPath(service, ID) + "/Challenges/" + sid;

        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        assertThat(fetched.status()).isEqualTo(200);
        String fields = fetched.header("Twilio-Verify-Signature-Fields");
        assertThat(fields).isEqualTo("sid,factor_sid,details,hidden_details,expiration_date,date_created");
        assertThat(fetched.json().get("details").get("fields").get(0).get("label").asText()).isEqualTo("IP");

        Http.Reply answered = http.post(device.auth(clock.instant()), path,
                params("AuthPayload", device.answer(fetched.json(), fields, "approved")));
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
        Http.Reply backend = http.get(auth, path);
        assertThat(backend.text("status")).isEqualTo("approved");
        assertThat(backend.text("date_responded")).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(backend.text("responded_reason")).isEqualTo("none");
        assertThat(backend.header("Twilio-Verify-Signature-Fields")).isNull();
        assertError(http.post(device.auth(clock.instant()), path, params("AuthPayload",
                device.answer(fetched.json(), fields, "denied"))), 403, 60322);
    }

    @Test
    void deviceDeniesAndTamperedAnswersAreRejected() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Pay 10 EUR").get("sid").asText();
        String path = entityPath(service, ID) + "/Challenges/" + sid;
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String fields = fetched.header("Twilio-Verify-Signature-Fields");

        JsonNode tampered = fetched.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) tampered.get("details")).put("message", "Pay 1 EUR");
        assertError(http.post(device.auth(clock.instant()), path, params("AuthPayload", device.answer(tampered, fields, "approved"))),
                403, 60324);
        TestDevice impostor = new TestDevice();
        assertError(http.post(device.auth(clock.instant()), path, params("AuthPayload", impostor.answer(fetched.json(), fields, "approved"))),
                403, 60324);
        assertError(http.post(device.auth(clock.instant()), path, params("AuthPayload", "not.a.jws")), 403, 60324);
        assertThat(http.get(auth, path).text("status")).isEqualTo("pending");

        Http.Reply denied = http.post(device.auth(clock.instant()), path, params("AuthPayload", device.answer(fetched.json(), fields, "denied")));
        assertThat(denied.text("status")).isEqualTo("denied");
    }

    @Test
    void aChallengePastItsDeadlineReadsExpiredEverywhereAtOnce() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = entityPath(service, ID) + "/Challenges/" + sid;
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved");
        clock.advance(Duration.ofMinutes(5));
        assertThat(http.get(auth, path).text("status")).isEqualTo("expired");
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges?Status=expired").json().get("challenges")).hasSize(1);
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges?Status=pending").json().get("challenges")).isEmpty();
        assertError(http.post(device.auth(clock.instant()), path, params("AuthPayload", answer)), 403, 60323);
    }

    @Test
    void devicesActOnlyOnTheirOwnFactor() {
        String service = createService();
        TestDevice mine = verifiedPushDevice(service, ID);
        TestDevice other = verifiedPushDevice(service, "user-00000002");
        String theirs = createPushChallenge(service, "user-00000002", other, "Theirs").get("sid").asText();
        createPushChallenge(service, ID, mine, "Mine");
        String myAuth = mine.auth(clock.instant());
        assertThat(http.get(myAuth, entityPath(service, "user-00000002") + "/Challenges/" + theirs).status()).isIn(401, 403, 404);
        assertThat(http.get(myAuth, "/v2/Services/" + service).status()).isEqualTo(403);
        assertThat(http.post(myAuth, entityPath(service, ID) + "/Challenges", params("FactorSid", mine.factorSid,
                "Details.Message", "self-made")).status()).isEqualTo(403);
        Http.Reply list = http.get(myAuth, entityPath(service, ID) + "/Challenges?pageToken=");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("challenges")).hasSize(1);

        Http.Reply expired = http.get(mine.auth(clock.instant().minus(Duration.ofMinutes(15))), entityPath(service, ID) + "/Challenges");
        assertError(expired, 401, 20003);
        assertThat(expired.header("Date")).isNotBlank();
        assertError(http.get(mine.auth(clock.instant(), other.credentialSid, mine.accountSid), entityPath(service, ID) + "/Challenges"),
                401, 20003);
    }

    @Test
    void challengeListsFilterOrderAndPage() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createPushChallenge(service, ID, device, "Challenge " + i).get("sid").asText());
            clock.advance(Duration.ofMillis(5));
        }
        List<String> seen = new ArrayList<>();
        String url = entityPath(service, ID) + "/Challenges?FactorSid=" + device.factorSid + "&PageSize=3&Order=desc";
        while (url != null) {
            JsonNode page = http.get(auth, url).json();
            page.get("challenges").forEach(c -> seen.add(c.get("sid").asText()));
            JsonNode next = page.get("meta").get("next_page_url");
            url = next.isNull() ? null : next.asText();
        }
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges?Status=approved").json().get("challenges")).isEmpty();
        assertError(http.get(auth, entityPath(service, ID) + "/Challenges?Status=done"), 400, 60306);
        assertError(http.get(auth, entityPath(service, ID) + "/Challenges?Order=sideways"), 400, 60306);
    }

    @Test
    void ofTwoConcurrentApprovalsExactlyOneSucceeds() throws Exception {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        int rounds = 5;
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < rounds; round++) {
                String path = entityPath(service, ID) + "/Challenges/" + createPushChallenge(service, ID, device, "Race").get("sid").asText();
                Http.Reply fetched = http.get(device.auth(clock.instant()), path);
                String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    String deviceAuth = device.auth(clock.instant());
                    replies.add(pool.submit(() -> {
                        start.await();
                        return http.post(deviceAuth, path, params("AuthPayload", answer));
                    }));
                }
                start.countDown();
                int ok = 0;
                for (Future<Http.Reply> reply : replies) {
                    Http.Reply r = reply.get();
                    if (r.status() == 200) {
                        ok++;
                    } else {
                        assertError(r, 403, 60322);
                    }
                }
                assertThat(ok).isEqualTo(1);
                assertThat(http.get(auth, path).text("status")).isEqualTo("approved");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
