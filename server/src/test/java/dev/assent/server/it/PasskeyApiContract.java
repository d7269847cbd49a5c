package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyAttestation;
import dev.assent.device.passkey.PasskeyRegistration;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Twilio Verify's passkeys over real HTTP with a software authenticator ({@link TestPasskey}): the
 * service settings, registration (create, VerifyFactor), login (discoverable, by identity, by
 * factor) and ApproveChallenge, and what the ordinary factor and challenge resources show of them.
 */
abstract class PasskeyApiContract extends PasskeyFixture {

    @Test
    void serviceRendersItsPasskeysSettingsAndRefusesBadOnes() {
        String service = passkeyService();
        JsonNode passkeys = http.get(auth, "/v2/Services/" + service).json().get("passkeys");
        assertThat(passkeys.get("relying_party").get("id").asText()).isEqualTo(RP_ID);
        assertThat(passkeys.get("relying_party").get("name").asText()).isEqualTo("Example");
        assertThat(passkeys.get("relying_party").get("origins")).extracting(JsonNode::asText)
                .containsExactly(ORIGIN, "https://login.example.com");
        assertThat(passkeys.get("authenticator_attachment").asText()).isEqualTo("platform");
        assertThat(passkeys.get("discoverable_credentials").asText()).isEqualTo("preferred");
        assertThat(passkeys.get("user_verification").asText()).isEqualTo("preferred");
        assertThat(http.get(auth, "/v2/Services/" + createService()).json().get("passkeys").isNull()).isTrue();

        String path = "/v2/Services/" + service;
        for (String badId : List.of("https://example.com", "example.com:443", "example.com/login", "EXAMPLE.com", "192.168.0.1", "a..b")) {
            assertError(http.post(auth, path, params("Passkeys.RelyingParty.Id", badId)), 400, 60372);
        }
        for (String badOrigin : List.of("http://example.com", "https://example.com/login", "https://evil.com", "https://example.com.evil.com",
                "example.com", "https://example.com?x=1")) {
            assertError(http.post(auth, path, params("Passkeys.RelyingParty.Origins", badOrigin)), 400, 60371);
        }
        // A new relying party id must still cover the stored origins.
        assertError(http.post(auth, path, params("Passkeys.RelyingParty.Id", "other.org")), 400, 60371);
        assertError(http.post(auth, path, params("Passkeys.UserVerification", "always")), 400, 60200);
        // Nothing changed by the refusals.
        assertThat(http.get(auth, path).json().get("passkeys")).isEqualTo(passkeys);

        // Development: http://localhost is a secure context for browsers; allowed for the localhost relying party only.
        Http.Reply local = http.post(auth, path, params("Passkeys.RelyingParty.Id", "localhost",
                "Passkeys.RelyingParty.Origins", "http://localhost:8080,android:apk-key-hash:bm90LWEtcmVhbC1oYXNoLWJ1dC1sb25n"));
        assertThat(local.status()).as(local.raw().body()).isEqualTo(200);
        assertThat(local.json().get("passkeys").get("relying_party").get("origins")).extracting(JsonNode::asText)
                .containsExactly("http://localhost:8080", "android:apk-key-hash:bm90LWEtcmVhbC1oYXNoLWJ1dC1sb25n");
    }

    @Test
    void creationOptionsAreWebAuthnJsonThatAtobReadsToo() {
        String service = passkeyService();
        Http.Reply created = createFactor(auth, service, ALICE);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode factor = created.json();
        assertThat(factor.get("status").asText()).isEqualTo("unverified");
        assertThat(factor.get("factor_type").asText()).isEqualTo("passkeys");
        assertThat(factor.get("binding").isNull()).isTrue();
        assertThat(factor.get("config").get("relying_party").get("id").asText()).isEqualTo(RP_ID);
        JsonNode publicKey = factor.get("options").get("publicKey");
        assertThat(publicKey.get("rp").get("id").asText()).isEqualTo(RP_ID);
        assertThat(publicKey.get("rp").get("name").asText()).isEqualTo("Example");
        assertThat(publicKey.get("pubKeyCredParams").isArray()).isTrue();
        assertThat(publicKey.get("pubKeyCredParams")).extracting(p -> p.get("alg").asInt()).containsExactly(-7, -257);
        assertThat(publicKey.get("authenticatorSelection").get("authenticatorAttachment").asText()).isEqualTo("platform");
        assertThat(publicKey.get("authenticatorSelection").get("residentKey").asText()).isEqualTo("preferred");
        assertThat(publicKey.get("authenticatorSelection").get("userVerification").asText()).isEqualTo("preferred");
        assertThat(publicKey.get("attestation").asText()).isEqualTo("none");
        assertThat(publicKey.get("timeout").asLong()).isEqualTo(600_000);
        // user.id is the entity SID's ASCII; it and the challenge read the same with atob() and base64url.
        String userId = publicKey.get("user").get("id").asText();
        assertThat(new String(Base64.getDecoder().decode(userId))).isEqualTo(factor.get("entity_sid").asText());
        String challenge = publicKey.get("challenge").asText();
        assertThat(challenge).matches("[A-Za-z0-9]{43}");
        assertThat(Base64.getDecoder().decode(challenge)).isEqualTo(Base64.getUrlDecoder().decode(challenge)).hasSize(32);
        // The options are shown once: a fetch has none.
        Http.Reply fetched = http.get(auth, entityPath(service, ALICE) + "/Factors/" + factor.get("sid").asText());
        assertThat(fetched.json().has("options")).isFalse();
        assertThat(fetched.text("factor_type")).isEqualTo("passkeys");
    }

    @Test
    void registrationThenDiscoverableLoginApprovesTheChallenge() {
        String service = passkeyService();
        Http.Reply hook = http.post(auth, "/v2/Services/" + service + "/Webhooks", params("FriendlyName", "events",
                "EventTypes", "*", "WebhookUrl", "http://127.0.0.1:9/hook"));
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        TestPasskey passkey = es256();
        String factorSid = registered(service, ALICE, passkey);
        JsonNode factor = http.get(auth, entityPath(service, ALICE) + "/Factors/" + factorSid).json();
        assertThat(factor.get("status").asText()).isEqualTo("verified");
        assertThat(http.get(auth, entityPath(service, ALICE) + "/Factors").json().get("factors"))
                .extracting(f -> f.get("factor_type").asText()).containsExactly("passkeys");

        // Every passkeys body is one JSON object (the spec: required); {} is the discoverable login.
        for (String notAnObject : new String[] {"", "null", "[]", "{} {}", "{\"identity\":\"x\",\"identity\":\"y\"}"}) {
            assertError(http.postJson(auth, passkeys(service, "Challenges"), notAnObject), 400, 60306);
        }
        JsonNode challenge = login(service, "{}");
        assertThat(challenge.get("status").asText()).isEqualTo("pending");
        assertThat(challenge.get("factor_type").asText()).isEqualTo("passkeys");
        assertThat(challenge.get("entity_sid").isNull()).isTrue();
        JsonNode request = challenge.get("options").get("publicKey");
        assertThat(request.get("rpId").asText()).isEqualTo(RP_ID);
        assertThat(request.get("allowCredentials")).isEmpty();
        assertThat(request.get("userVerification").asText()).isEqualTo("preferred");
        assertThat(request.has("user")).isFalse();

        Http.Reply approved = approve(service, passkey.get(challenge.get("options")));
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("approved");
        assertThat(approved.text("sid")).isEqualTo(challenge.get("sid").asText());
        assertThat(approved.text("entity_sid")).isEqualTo(factor.get("entity_sid").asText());
        assertThat(approved.text("identity")).isEqualTo(ALICE);
        assertThat(approved.text("factor_sid")).isEqualTo(factorSid);
        assertThat(approved.json().get("date_responded").isNull()).isFalse();
        assertThat(approved.json().has("options")).isFalse();

        // The ordinary challenge resource shows it; an ordinary answer to it is refused.
        String ordinary = challengePath(service, ALICE, approved.text("sid"));
        Http.Reply fetched = http.get(auth, ordinary);
        assertThat(fetched.text("status")).isEqualTo("approved");
        assertThat(fetched.text("factor_type")).isEqualTo("passkeys");
        assertThat(http.get(auth, entityPath(service, ALICE) + "/Challenges").json().get("challenges"))
                .extracting(c -> c.get("sid").asText()).containsExactly(approved.text("sid"));
        assertError(http.post(auth, ordinary, params("AuthPayload", "123456")), 403, 60322);
        assertError(http.post(auth, entityPath(service, ALICE) + "/Challenges", params("FactorSid", factorSid)), 400, 60306);

        List<String> events = http.get(auth, "/v2/Services/" + service + "/Webhooks/" + hook.text("sid") + "/Deliveries").json()
                .get("deliveries").findValuesAsText("event_type");
        assertThat(events).contains("factor.created", "factor.verified", "challenge.approved");

        assertThat(http.delete(auth, entityPath(service, ALICE) + "/Factors/" + factorSid).status()).isEqualTo(204);
        await("factor.deleted recorded", () -> http.get(auth, "/v2/Services/" + service + "/Webhooks/" + hook.text("sid")
                + "/Deliveries").json().get("deliveries").findValuesAsText("event_type").contains("factor.deleted"));
    }

    /**
     * Assent's own software passkey ({@code assent device passkey}'s authenticator) with an RS256 key:
     * the server's options offer ES256 then RS256, so the authenticator takes ES256; a relying party
     * preferring RS256 (here: the same options with RS256 first, or only RS256) gets an RSA 2048 key.
     * Registration (packed self attestation, then none) and logins verify against the server.
     */
    @Test
    void theSoftwareAuthenticatorRegistersAndLogsInWithRs256WhenTheOptionsPreferIt() {
        String service = passkeyService();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(clock);

        Http.Reply plain = createFactor(auth, service, ALICE);
        assertThat(plain.json().at("/options/publicKey/pubKeyCredParams")).extracting(p -> p.get("alg").asInt())
                .containsExactly(-7, -257);
        PasskeyRegistration es = authenticator.register(plain.json().get("options"), ORIGIN);
        assertThat(es.credential().algorithm()).isEqualTo(SoftwareAuthenticator.COSE_ES256);
        assertThat(http.postJson(auth, passkeys(service, "VerifyFactor"), es.json().toString()).status()).isEqualTo(200);

        // One authenticator, two users: a user's own credentials are in excludeCredentials, another's are not.
        List<String> rsUsers = List.of(BOB, "carol-0001");
        List<String> rsFactors = new java.util.ArrayList<>();
        for (String order : List.of("rs256-first", "rs256-only")) {
            Http.Reply created = createFactor(auth, service, rsUsers.get(rsFactors.size()));
            ObjectNode options = created.json().get("options").deepCopy();
            var params = options.with("publicKey").putArray("pubKeyCredParams");
            params.addObject().put("type", "public-key").put("alg", -257);
            if (order.equals("rs256-first")) {
                params.addObject().put("type", "public-key").put("alg", -7);
            }
            PasskeyRegistration rs = authenticator.register(options, ORIGIN, CeremonySettings.DEFAULT.withAttestation(
                    order.equals("rs256-first") ? PasskeyAttestation.PACKED : PasskeyAttestation.NONE));
            assertThat(rs.credential().algorithm()).as(order).isEqualTo(SoftwareAuthenticator.COSE_RS256);
            Http.Reply verified = http.postJson(auth, passkeys(service, "VerifyFactor"), rs.json().toString());
            assertThat(verified.status()).as(order + ": " + verified.raw().body()).isEqualTo(200);
            assertThat(verified.text("status")).isEqualTo("verified");
            rsFactors.add(created.text("sid"));
        }

        // Logins by each RS256 factor, then discoverable (the newest credential answers: the second RS256 one).
        for (int i = 0; i < rsFactors.size(); i++) {
            String factorSid = rsFactors.get(i);
            JsonNode challenge = login(service, "{\"identity\":\"" + rsUsers.get(i) + "\",\"factor_sid\":\"" + factorSid + "\"}");
            PasskeyAssertion assertion = authenticator.authenticate(challenge.get("options"), ORIGIN);
            assertThat(assertion.credential().algorithm()).isEqualTo(SoftwareAuthenticator.COSE_RS256);
            Http.Reply approved = approve(service, assertion.json());
            assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
            assertThat(approved.text("factor_sid")).isEqualTo(factorSid);
            assertThat(stored("factors", "passkey_sign_count", factorSid)).isEqualTo("1");
        }
        JsonNode discoverable = login(service, "{}");
        Http.Reply approved = approve(service, authenticator.authenticate(discoverable.get("options"), ORIGIN).json());
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.text("identity")).isEqualTo(rsUsers.get(1));
        assertThat(approved.text("factor_sid")).isEqualTo(rsFactors.get(1));
        // A tampered RS256 assertion is refused like an ES256 one.
        JsonNode next = login(service, "{\"identity\":\"" + BOB + "\"}");
        assertError(approve(service, authenticator.authenticate(next.get("options"), ORIGIN,
                CeremonySettings.DEFAULT.withTamperedSignature()).json()), 400, 60381);
    }

    @Test
    void loginByIdentityAndByFactorWithRs256AndPackedAttestationAndHexRawId() {
        String service = passkeyService();
        TestPasskey first = es256();
        first.counter = 1;
        TestPasskey second = new TestPasskey(TestPasskey.Alg.RS256, ORIGIN, RP_ID);
        second.attestationFormat = "packed";
        String firstSid = registered(service, ALICE, first);
        String secondSid = registered(service, ALICE, second);

        JsonNode byIdentity = login(service, "{\"identity\":\"" + ALICE + "\"}");
        assertThat(byIdentity.get("identity").asText()).isEqualTo(ALICE);
        assertThat(byIdentity.get("options").get("publicKey").get("allowCredentials")).extracting(c -> c.get("id").asText())
                .containsExactlyInAnyOrder(first.id(), second.id());
        // The spec's example sends rawId in hex; browsers send base64url: both name the credential.
        ObjectNode hex = second.get(byIdentity.get("options"));
        hex.put("rawId", second.hexId());
        Http.Reply approved = approve(service, hex);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.text("factor_sid")).isEqualTo(secondSid);

        JsonNode byFactor = login(service, "{\"identity\":\"" + ALICE + "\",\"factor_sid\":\"" + firstSid + "\"}");
        assertThat(byFactor.get("factor_sid").asText()).isEqualTo(firstSid);
        assertThat(byFactor.get("options").get("publicKey").get("allowCredentials")).extracting(c -> c.get("id").asText())
                .containsExactly(first.id());
        Http.Reply approvedByFactor = approve(service, first.get(byFactor.get("options")));
        assertThat(approvedByFactor.status()).as(approvedByFactor.raw().body()).isEqualTo(200);
        assertThat(stored("factors", "passkey_sign_count", firstSid)).isEqualTo("2");

        // The other passkey may not answer a challenge for this factor.
        JsonNode onlyFirst = login(service, "{\"identity\":\"" + ALICE + "\",\"factor_sid\":\"" + firstSid + "\"}");
        assertError(approve(service, second.get(onlyFirst.get("options"))), 400, 60376);
        assertThat(stored("passkey_challenges", "status", onlyFirst.get("sid").asText())).isEqualTo("pending");
    }

    @Test
    void passkeysFactorsCountInTheEntitysFactorLimitAndCriteriaAreRequired() {
        String plain = createService();
        assertError(http.postJson(auth, passkeys(plain, "Factors"), "{\"friendly_name\":\"k\",\"identity\":\"" + ALICE + "\","
                + "\"config\":{\"relying_party\":{\"id\":\"example.com\"}}}"), 400, 60393);
        assertError(createFactor(auth, plain, ALICE), 400, 60393);
        Http.Reply own = http.postJson(auth, passkeys(plain, "Factors"), "{\"friendly_name\":\"k\",\"identity\":\"" + ALICE + "\","
                + "\"config\":{\"relying_party\":{\"id\":\"example.com\",\"origins\":[\"https://example.com\"]},"
                + "\"user_verification\":\"required\"}}");
        assertThat(own.status()).as(own.raw().body()).isEqualTo(201);
        assertThat(own.json().get("config").get("user_verification").asText()).isEqualTo("required");
        assertError(http.postJson(auth, passkeys(plain, "Factors"), "{\"identity\":\"" + ALICE + "\"}"), 400, 60306);
        assertError(http.postJson(auth, passkeys(plain, "Factors"), "{\"friendly_name\":\"k\",\"identity\":\"no\"}"), 400, 60367);
        assertError(http.postJson(auth, passkeys(plain, "Factors"), "not json"), 400, 60306);

        String service = passkeyService();
        for (int i = 0; i < 20; i++) {
            assertThat(createFactor(auth, service, BOB).status()).isEqualTo(201);
        }
        assertError(createFactor(auth, service, BOB), 400, 60315);
        assertThat(http.get(auth, entityPath(service, BOB) + "/Factors?PageSize=50").json().get("factors")).hasSize(20);
    }
}
