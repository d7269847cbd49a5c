package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.account.Account;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Enrollment with access tokens (docs/push-protocol.md §2, §11): issuing and fetching them, a device
 * creating its push factor with one, single use, and every refusal leaving nothing behind.
 */
abstract class AccessTokenApiContract extends ApiFixture {

    private static final String ID = "user-00000001";
    private static final List<String> FIELDS = List.of("sid", "account_sid", "service_sid", "entity_identity", "factor_type",
            "factor_friendly_name", "token", "url", "ttl", "date_created");

    @Test
    void issuingAndFetchingAnAccessTokenRendersTwilioFields() {
        String service = createService();
        Http.Reply created = http.post(auth, tokensPath(service),
                params("Identity", ID, "FactorType", "push", "FactorFriendlyName", "John Doe iPhone", "Ttl", "300"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(FIELDS);
        String sid = created.text("sid");
        assertThat(sid).matches("YK[0-9a-f]{32}");
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.text("service_sid")).isEqualTo(service);
        assertThat(created.text("entity_identity")).isEqualTo(ID);
        assertThat(created.text("factor_type")).isEqualTo("push");
        assertThat(created.text("factor_friendly_name")).isEqualTo("John Doe iPhone");
        assertThat(created.text("token").split("\\.")).hasSize(3);
        assertThat(created.text("url")).isEqualTo(server.publicBase() + tokensPath(service) + "/" + sid);
        assertThat(json.get("ttl").asInt()).isEqualTo(300);
        assertThat(created.text("date_created")).isEqualTo("2026-01-15T10:00:00Z");

        Http.Reply fetched = http.get(auth, created.text("url"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(json);

        Http.Reply defaults = http.post(auth, tokensPath(service), params("Identity", ID, "FactorType", "push"));
        assertThat(defaults.json().get("ttl").asInt()).isEqualTo(60);
        assertThat(defaults.json().get("factor_friendly_name").isNull()).isTrue();
        assertThat(defaults.text("token")).isNotEqualTo(created.text("token"));

        assertError(http.get(auth, tokensPath(service) + "/YK" + "0".repeat(32)), 404, 20404);
        assertError(http.get(auth, tokensPath(createService()) + "/" + sid), 404, 20404);
        Account other = server.accounts().create();
        assertError(http.get(Http.basic(other.sid().value(), other.authToken().reveal()), tokensPath(service) + "/" + sid), 404, 20404);
    }

    @Test
    void accessTokenParametersAreChecked() {
        String tokens = tokensPath(createService());
        assertError(http.post(auth, tokens, params("Identity", ID, "FactorType", "totp")), 400, 60407);
        assertError(http.post(auth, tokens, params("Identity", ID, "FactorType", "passkeys")), 400, 60407);
        assertThat(http.post(auth, tokens, params("Identity", ID)).text("message")).contains("FactorType");
        assertThat(http.post(auth, tokens, params("FactorType", "push")).text("message")).contains("Identity");
        assertError(http.post(auth, tokens, params("Identity", "short", "FactorType", "push")), 400, 60367);
        for (String ttl : new String[] {"59", "301", "0", "sixty"}) {
            Http.Reply reply = http.post(auth, tokens, params("Identity", ID, "FactorType", "push", "Ttl", ttl));
            assertError(reply, 400, 60306);
            assertThat(reply.text("message")).contains("Ttl");
        }
        assertError(http.post(auth, tokens, params("Identity", ID, "FactorType", "push", "FactorFriendlyName", "x".repeat(65))),
                400, 60306);
        assertError(http.post(auth, tokensPath("VA" + "0".repeat(32)), params("Identity", ID, "FactorType", "push")), 404, 20404);
    }

    @Test
    void aDeviceEnrollsWithItsAccessTokenAndThenActsWithItsOwnKey() {
        String service = createService();
        String token = issue(service, ID, "FactorFriendlyName", "John's iPhone");
        TestDevice device = new TestDevice();

        Http.Reply created = enroll(token, service, ID, device);

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("friendly_name")).isEqualTo("John's iPhone");
        assertThat(created.text("status")).isEqualTo("unverified");
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.json().get("binding").get("public_key").asText()).isEqualTo(device.publicKey());
        device.factorSid = created.text("sid");
        device.credentialSid = created.json().get("config").get("credential_sid").asText();
        device.accountSid = created.text("account_sid");
        assertThat(http.get(auth, entityPath(service, ID)).status()).isEqualTo(200);

        Http.Reply verified = http.post(device.auth(clock.instant()), entityPath(service, ID) + "/Factors/" + device.factorSid,
                params("AuthPayload", device.proof()));
        assertThat(verified.text("status")).isEqualTo("verified");
        String challenge = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        assertThat(http.get(device.auth(clock.instant()), entityPath(service, ID) + "/Challenges/" + challenge).status()).isEqualTo(200);

        Http.Reply named = enroll(issue(service, ID, "FactorFriendlyName", "Token name"), service, ID, new TestDevice(),
                "FriendlyName", "Request name");
        assertThat(named.text("friendly_name")).isEqualTo("Request name");
    }

    @Test
    void anAccessTokenIsSingleUse() {
        String service = createService();
        String token = issue(service, ID);
        assertThat(enroll(token, service, ID, new TestDevice(), "FriendlyName", "First").status()).isEqualTo(201);

        assert401(enroll(token, service, ID, new TestDevice(), "FriendlyName", "Second"));

        assertThat(http.get(auth, entityPath(service, ID) + "/Factors").json().get("factors")).hasSize(1);
    }

    @Test
    void aFailedEnrollmentLeavesNothingBehindAndTheTokenUsable() {
        String service = createService();
        String token = issue(service, ID);
        String tokenAuth = Http.basic("token", token);
        String factors = entityPath(service, ID) + "/Factors";

        assertError(http.post(tokenAuth, factors, params("FriendlyName", "x", "FactorType", "push", "Binding.Alg", "ES256",
                "Binding.PublicKey", "AAAA", "Config.AppId", "a", "Config.SdkVersion", "1")), 400, 60314);
        Http.Reply unnamed = enroll(token, service, ID, new TestDevice());
        assertError(unnamed, 400, 60306);
        assertThat(unnamed.text("message")).contains("FriendlyName");
        assertError(http.post(tokenAuth, factors, params("FriendlyName", "x", "FactorType", "totp")), 403, 20003);
        assertNoEntity(service, ID);

        // Fails inside the transaction that has already claimed the token: the claim is rolled back too.
        TestDevice existing = verifiedPushDevice(service, ID);
        TestDevice sameKey = new TestDevice(existing.keys);
        assertError(enroll(token, service, ID, sameKey, "FriendlyName", "Same key"), 409, 60317);
        assertThat(http.get(auth, factors).json().get("factors")).hasSize(1);

        assertThat(enroll(token, service, ID, new TestDevice(), "FriendlyName", "Phone").status()).isEqualTo(201);
    }

    @Test
    void tamperedExpiredAndUnknownTokensGet401AndChangeNothing() {
        String service = createService();
        String token = issue(service, ID);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(ID, "user-00000002");
        String otherIdentity = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String badMac = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);

        assert401(enroll(otherIdentity, service, "user-00000002", new TestDevice(), "FriendlyName", "x"));
        assert401(enroll(badMac, service, ID, new TestDevice(), "FriendlyName", "x"));
        assertNoEntity(service, "user-00000002");
        assertNoEntity(service, ID);
        assertThat(enroll(token, service, ID, new TestDevice(), "FriendlyName", "x").status()).isEqualTo(201);

        String expiring = issue(service, "user-00000003");
        clock.advance(Duration.ofSeconds(60));
        assert401(enroll(expiring, service, "user-00000003", new TestDevice(), "FriendlyName", "x"));
        assertNoEntity(service, "user-00000003");

        // A valid MAC on a token Assent has no row for: its service, and with it the token, was deleted.
        String deleted = createService();
        String orphan = issue(deleted, ID);
        assertThat(http.delete(auth, "/v2/Services/" + deleted).status()).isEqualTo(204);
        assert401(enroll(orphan, deleted, ID, new TestDevice(), "FriendlyName", "x"));
    }

    @Test
    void aTokenForAnotherServiceOrIdentityIsForbiddenAndStaysUsable() {
        String service = createService();
        String other = createService();
        String token = issue(service, ID);

        assertError(enroll(token, service, "user-00000002", new TestDevice(), "FriendlyName", "x"), 403, 20003);
        assertError(enroll(token, other, ID, new TestDevice(), "FriendlyName", "x"), 403, 20003);

        assertNoEntity(service, "user-00000002");
        assertNoEntity(other, ID);
        assertThat(enroll(token, service, ID, new TestDevice(), "FriendlyName", "x").status()).isEqualTo(201);
    }

    @Test
    void anAccessTokenIsRefusedOnEveryOtherRoute() {
        String service = createService();
        TestDevice existing = verifiedPushDevice(service, ID);
        String challenge = createPushChallenge(service, ID, existing, "Login").get("sid").asText();
        String token = issue(service, ID);
        String as = Http.basic("token", token);
        String entity = entityPath(service, ID);
        String factor = entity + "/Factors/" + existing.factorSid;
        String challengePath = entity + "/Challenges/" + challenge;

        List<Http.Reply> replies = List.of(
                http.get(as, "/v2/Services"),
                http.get(as, "/v2/Services/" + service),
                http.post(as, "/v2/Services/" + service, params("FriendlyName", "Renamed")),
                http.post(as, tokensPath(service), params("Identity", ID, "FactorType", "push")),
                http.post(as, "/v2/Services/" + service + "/Entities", params("Identity", "user-00000003")),
                http.get(as, entity),
                http.get(as, entity + "/Factors"),
                http.get(as, factor),
                http.post(as, factor, params("FriendlyName", "Stolen")),
                http.delete(as, factor),
                http.post(as, entity + "/Challenges", params("FactorSid", existing.factorSid, "Details.Message", "m")),
                http.get(as, entity + "/Challenges"),
                http.get(as, challengePath),
                http.post(as, challengePath, params("AuthPayload", "x")),
                http.post(as, challengePath + "/Notifications", params()),
                http.get(as, challengePath + "/Notifications"),
                http.delete(as, entity));
        replies.forEach(reply -> assertError(reply, 403, 20003));

        assertThat(http.get(auth, factor).text("friendly_name")).isEqualTo("Pixel");
        assertThat(http.get(auth, challengePath).text("status")).isEqualTo("pending");
        assertThat(http.get(auth, challengePath + "/Notifications").json().get("notifications")).isEmpty();
        assertThat(enroll(token, service, ID, new TestDevice(), "FriendlyName", "New phone").status()).isEqualTo(201);
    }

    @Test
    void ofConcurrentUsesOfOneTokenExactlyOneCreatesAFactor() throws Exception {
        String service = createService();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 3; round++) {
                String identity = "user-0000000" + round;
                String token = issue(service, identity);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    TestDevice device = new TestDevice();
                    replies.add(pool.submit(() -> {
                        start.await();
                        return enroll(token, service, identity, device, "FriendlyName", "Racer");
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<Http.Reply> reply : replies) {
                    Http.Reply r = reply.get();
                    if (r.status() == 201) {
                        created++;
                    } else {
                        assert401(r);
                    }
                }
                assertThat(created).isEqualTo(1);
                assertThat(http.get(auth, entityPath(service, identity) + "/Factors").json().get("factors")).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIosStyleEnrollmentDecodesAsMeant() {
        String service = createService();
        String token = issue(service, ID);
        TestDevice device = new TestDevice();
        String body = ios("FriendlyName", "Tom&Jerry's iPhone", "FactorType", "push", "Binding.PublicKey", device.publicKey(),
                "Binding.Alg", "ES256", "Config.SdkVersion", "3.0.2", "Config.AppId", "com.example.app",
                "Config.NotificationPlatform", "apn", "Config.NotificationToken", "a1".repeat(32), "Metadata", "{\"os\":\"iOS\"}");

        Http.Reply created = http.postRaw(Http.basic("token", token), entityPath(service, ID) + "/Factors",
                body.getBytes(StandardCharsets.US_ASCII));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("friendly_name")).isEqualTo("Tom&Jerry's iPhone");
        assertThat(created.json().get("binding").get("public_key").asText()).isEqualTo(device.publicKey());
        assertThat(created.json().get("metadata").get("os").asText()).isEqualTo("iOS");
        device.factorSid = created.text("sid");
        device.credentialSid = created.json().get("config").get("credential_sid").asText();
        device.accountSid = created.text("account_sid");
        String factor = entityPath(service, ID) + "/Factors/" + device.factorSid;
        assertThat(http.postRaw(device.auth(clock.instant()), factor, ios("AuthPayload", device.proof())
                .getBytes(StandardCharsets.US_ASCII)).text("status")).isEqualTo("verified");

        // The SDKs send GETs with Accept: application/x-www-form-urlencoded (sic); the answer is JSON all the same.
        String challenge = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        Http.Reply fetched = http.get(device.auth(clock.instant()), entityPath(service, ID) + "/Challenges/" + challenge,
                Map.of("Accept", "application/x-www-form-urlencoded", "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).startsWith("application/json");
        assertThat(fetched.text("sid")).isEqualTo(challenge);

        // The SDK's factor update sends Config.AppId, which the update operation does not document: ignored.
        Http.Reply updated = http.postRaw(device.auth(clock.instant()), factor, ios("FriendlyName", "Tom&Jerry's iPhone",
                "Config.SdkVersion", "3.0.3", "Config.AppId", "com.example.other", "Config.NotificationPlatform", "apn",
                "Config.NotificationToken", "b2".repeat(32)).getBytes(StandardCharsets.US_ASCII));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.json().get("config").get("app_id").asText()).isEqualTo("com.example.app");
        assertThat(updated.json().get("config").get("sdk_version").asText()).isEqualTo("3.0.3");
        assertThat(updated.json().get("config").get("notification_token").asText()).isEqualTo("b2".repeat(32));
    }

    private static String tokensPath(String service) {
        return "/v2/Services/" + service + "/AccessTokens";
    }

    private String issue(String service, String identity, String... extra) {
        List<Map.Entry<String, String>> form = params("Identity", identity, "FactorType", "push");
        form.addAll(params(extra));
        Http.Reply reply = http.post(auth, tokensPath(service), form);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("token");
    }

    /** Factor creation as the mobile SDKs send it (docs/push-protocol.md §2.1), authenticated by an access token. */
    private Http.Reply enroll(String token, String service, String identity, TestDevice device, String... extra) {
        List<Map.Entry<String, String>> form = params("FactorType", "push", "Binding.PublicKey", device.publicKey(),
                "Binding.Alg", "ES256", "Config.SdkVersion", "0.9.0", "Config.AppId", "com.example.app",
                "Config.NotificationPlatform", "none");
        form.addAll(params(extra));
        return http.post(Http.basic("token", token), entityPath(service, identity) + "/Factors", form);
    }

    /** A form body as the iOS SDK writes it: each pair percent-encoded with the query-allowed set minus '+'. */
    private static String ios(String... pairs) {
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            StringBuilder out = new StringBuilder();
            for (byte b : (pairs[i] + "=" + pairs[i + 1]).getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (Character.isLetterOrDigit(c) && c < 128 || "!$&'()*,-./:;=?@_~".indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            encoded.add(out.toString());
        }
        return String.join("&", encoded);
    }

    private static void assert401(Http.Reply reply) {
        assertError(reply, 401, 20003);
        assertThat(reply.header("Date")).isNotBlank();
    }

    private void assertNoEntity(String service, String identity) {
        assertError(http.get(auth, entityPath(service, identity)), 404, 20404);
    }
}
