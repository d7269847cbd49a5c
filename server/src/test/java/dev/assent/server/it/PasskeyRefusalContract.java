package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.account.Account;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The passkeys ceremonies attacked as an attacker would: each refusal with its Twilio code, and
 * nothing changed after it (the factor still unverified, the challenge still pending, the counter
 * where it was), read from the database past the API.
 */
abstract class PasskeyRefusalContract extends PasskeyFixture {

    private String factorStatus(String factorSid) {
        return stored("factors", "status", factorSid);
    }

    private String challengeStatus(JsonNode challenge) {
        return stored("passkey_challenges", "status", challenge.get("sid").asText());
    }

    private String counter(String factorSid) {
        return stored("factors", "passkey_sign_count", factorSid);
    }

    private Http.Reply verify(String service, ObjectNode credential) {
        return http.postJson(auth, passkeys(service, "VerifyFactor"), credential.toString());
    }

    @Test
    void aCeremonyFromAnotherOriginIsRefusedAndLeavesEverythingAsItWas() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        Http.Reply created = createFactor(auth, service, ALICE);
        passkey.origin = "https://evil.com";
        assertError(verify(service, passkey.create(created.json().get("options"))), 400, 60371);
        assertThat(factorStatus(created.text("sid"))).isEqualTo("unverified");
        // The same registration is still open for the real origin.
        passkey.origin = ORIGIN;
        assertThat(verify(service, passkey.create(created.json().get("options"))).status()).isEqualTo(200);

        passkey.counter = 0;
        JsonNode challenge = login(service, "{}");
        passkey.origin = "https://example.com.evil.com";
        assertError(approve(service, passkey.get(challenge.get("options"))), 400, 60371);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
        passkey.origin = "https://login.example.com";
        assertThat(approve(service, passkey.get(challenge.get("options"))).status()).isEqualTo(200);
    }

    /**
     * Attestation statements that do not verify, one per format: each is 60387 with the factor still
     * unverified and its registration still open (the same authenticator then registers with {@code none}).
     */
    @Test
    void anAttestationStatementThatDoesNotVerifyIsRefusedAndTheFactorStaysUnverified() {
        String service = passkeyService();
        refusedThenRegistered(service, "user-packed", TestPasskey.Alg.ES256, "packed", p -> p.tamperAttestationSignature = true);
        refusedThenRegistered(service, "user-packed-rs", TestPasskey.Alg.RS256, "packed", p -> p.tamperAttestationSignature = true);
        // Signed by the credential's key, but the certificate is self-made: no Android Keystore key description.
        refusedThenRegistered(service, "user-android", TestPasskey.Alg.ES256, "android-key", p -> { });
        // A SafetyNet JWS right in all but its signature (random bytes).
        refusedThenRegistered(service, "user-safetynet", TestPasskey.Alg.ES256, "android-safetynet", p -> { });
        // A self-made certificate without Apple's nonce extension.
        refusedThenRegistered(service, "user-apple", TestPasskey.Alg.ES256, "apple", p -> { });
        // pubArea and certInfo right for the credential, the signature over certInfo random bytes.
        refusedThenRegistered(service, "user-tpm-rs", TestPasskey.Alg.RS256, "tpm", p -> { });
        refusedThenRegistered(service, "user-tpm-es", TestPasskey.Alg.ES256, "tpm", p -> { });
        // pubArea claims an RSA key for an ES256 credential.
        refusedThenRegistered(service, "user-tpm-key", TestPasskey.Alg.ES256, "tpm", p -> p.tpmPubAreaAlg = TestPasskey.Alg.RS256);
        // A format WebAuthn does not define, and one it defines that nothing here verifies.
        refusedThenRegistered(service, "user-unknown", TestPasskey.Alg.ES256, "made-up", p -> { });
        refusedThenRegistered(service, "user-empty", TestPasskey.Alg.ES256, "", p -> { });
    }

    private void refusedThenRegistered(String service, String identity, TestPasskey.Alg alg, String format,
            java.util.function.Consumer<TestPasskey> forge) {
        TestPasskey passkey = new TestPasskey(alg, ORIGIN, RP_ID);
        passkey.attestationFormat = format;
        forge.accept(passkey);
        Http.Reply created = createFactor(auth, service, identity);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        Http.Reply refused = verify(service, passkey.create(created.json().get("options")));
        assertThat(refused.status()).as(format + ": " + refused.raw().body()).isEqualTo(400);
        assertThat(refused.json().get("code").asInt()).as(format + ": " + refused.raw().body()).isEqualTo(60387);
        if (List.of("packed", "android-key", "android-safetynet", "apple", "tpm").contains(format)) {
            // Refused by the format's verifier, not as unreadable.
            assertThat(refused.text("message")).as(format).startsWith("Attestation statement");
        }
        assertThat(factorStatus(created.text("sid"))).as(format).isEqualTo("unverified");
        assertThat(stored("factors", "passkey_credential_id", created.text("sid"))).as(format).isNull();
        passkey.attestationFormat = "none";
        Http.Reply verified = verify(service, passkey.create(created.json().get("options")));
        assertThat(verified.status()).as(format + ", then none: " + verified.raw().body()).isEqualTo(200);
        assertThat(factorStatus(created.text("sid"))).isEqualTo("verified");
    }

    @Test
    void aCredentialForAnotherRelyingPartyIsRefused() {
        String service = passkeyService();
        TestPasskey phished = es256();
        phished.rpId = "evil.com";
        Http.Reply created = createFactor(auth, service, ALICE);
        assertError(verify(service, phished.create(created.json().get("options"))), 400, 60372);
        assertThat(factorStatus(created.text("sid"))).isEqualTo("unverified");

        TestPasskey passkey = es256();
        passkey.counter = 10;
        String factorSid = registered(service, BOB, passkey);
        JsonNode challenge = login(service, "{\"identity\":\"" + BOB + "\"}");
        passkey.rpId = "evil.com";
        assertError(approve(service, passkey.get(challenge.get("options"))), 400, 60372);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
        assertThat(counter(factorSid)).isEqualTo("10");
    }

    @Test
    void aReplayedChallengeIsRefusedAndTheCounterDoesNotMove() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        passkey.counter = 1;
        Http.Reply created = createFactor(auth, service, ALICE);
        ObjectNode attestation = passkey.create(created.json().get("options"));
        assertThat(verify(service, attestation).status()).isEqualTo(200);
        // The registration closed with its verification.
        assertError(verify(service, attestation), 404, 60391);

        JsonNode challenge = login(service, "{}");
        ObjectNode assertion = passkey.get(challenge.get("options"));
        assertThat(approve(service, assertion).status()).isEqualTo(200);
        String after = counter(created.text("sid"));
        assertError(approve(service, assertion), 403, 60322);
        assertThat(counter(created.text("sid"))).isEqualTo(after);
        // A challenge this service never issued.
        assertError(approve(service, passkey.get("bm90LWEtY2hhbGxlbmdlLW9mLXRoaXMtc2VydmljZQ")), 404, 60391);
    }

    @Test
    void anExpiredChallengeOrRegistrationIsRefused() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        Http.Reply created = createFactor(auth, service, ALICE);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertError(verify(service, passkey.create(created.json().get("options"))), 403, 60323);
        assertThat(factorStatus(created.text("sid"))).isEqualTo("unverified");

        registered(service, BOB, passkey);
        JsonNode challenge = login(service, "{\"identity\":\"" + BOB + "\"}");
        clock.advance(Duration.ofMinutes(5));
        assertError(approve(service, passkey.get(challenge.get("options"))), 403, 60323);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
    }

    @Test
    void anotherUsersHandleOrCredentialDoesNotAnswerTheChallenge() {
        String service = passkeyService();
        TestPasskey alice = es256();
        TestPasskey bob = es256();
        registered(service, ALICE, alice);
        registered(service, BOB, bob);

        JsonNode forAlice = login(service, "{\"identity\":\"" + ALICE + "\"}");
        assertError(approve(service, bob.get(forAlice.get("options"))), 400, 60376);
        assertThat(challengeStatus(forAlice)).isEqualTo("pending");

        // Alice's signature with Bob's user handle: the handle must be the credential's user.
        JsonNode discoverable = login(service, "{}");
        ObjectNode swapped = alice.get(discoverable.get("options"));
        ((ObjectNode) swapped.get("response")).put("userHandle",
                Base64.getUrlEncoder().withoutPadding().encodeToString(bob.userHandle));
        assertError(approve(service, swapped), 400, 60376);
        ObjectNode withoutHandle = alice.get(discoverable.get("options"));
        ((ObjectNode) withoutHandle.get("response")).remove("userHandle");
        assertError(approve(service, withoutHandle), 400, 60376);
        assertThat(challengeStatus(discoverable)).isEqualTo("pending");
        assertThat(approve(service, alice.get(discoverable.get("options"))).text("identity")).isEqualTo(ALICE);
    }

    @Test
    void anotherTenantsCredentialOrChallengeIsUnknownHere() {
        String service = passkeyService();
        TestPasskey mine = es256();
        registered(service, ALICE, mine);
        Account other = server.accounts().create();
        String otherAuth = Http.basic(other.sid().value(), other.authToken().reveal());
        String otherService = passkeyService(otherAuth, "preferred");
        TestPasskey theirs = es256();
        registered(otherAuth, otherService, ALICE, theirs);

        JsonNode challenge = login(service, "{}");
        assertError(approve(service, theirs.get(challenge.get("options"))), 400, 60376);
        // The other account cannot answer this account's challenge through its own service, nor reach this service.
        assertError(approve(otherAuth, otherService, mine.get(challenge.get("options"))), 404, 60391);
        assertError(approve(otherAuth, service, mine.get(challenge.get("options"))), 404, 20404);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
    }

    @Test
    void aTamperedSignatureOrAuthenticatorDataIsRefused() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        passkey.counter = 3;
        String factorSid = registered(service, ALICE, passkey);
        String before = counter(factorSid);
        JsonNode challenge = login(service, "{}");
        ObjectNode assertion = passkey.get(challenge.get("options"));
        ObjectNode response = (ObjectNode) assertion.get("response");
        byte[] signature = Base64.getUrlDecoder().decode(response.get("signature").asText());
        signature[signature.length - 1] ^= 0x01;
        response.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        assertError(approve(service, assertion), 400, 60381);

        ObjectNode flags = passkey.get(challenge.get("options"));
        byte[] data = Base64.getUrlDecoder().decode(flags.get("response").get("authenticatorData").asText());
        data[36] = 0x7f; // a higher counter than signed
        ((ObjectNode) flags.get("response")).put("authenticatorData", Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        assertError(approve(service, flags), 400, 60381);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
        assertThat(counter(factorSid)).isEqualTo(before);
    }

    @Test
    void aCounterGoingBackwardsIsACloneAndIsRefused() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        passkey.counter = 5;
        String factorSid = registered(service, ALICE, passkey);
        assertThat(approve(service, passkey.get(login(service, "{}").get("options"))).status()).isEqualTo(200);
        assertThat(counter(factorSid)).isEqualTo("6");
        passkey.counter = 4;
        JsonNode challenge = login(service, "{}");
        assertError(approve(service, passkey.get(challenge.get("options"))), 400, 60379);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
        assertThat(counter(factorSid)).isEqualTo("6");
    }

    @Test
    void userVerificationRequiredRefusesAnAuthenticatorThatDidNotVerify() {
        String service = passkeyService(auth, "required");
        TestPasskey passkey = es256();
        passkey.userVerified = false;
        Http.Reply created = createFactor(auth, service, ALICE);
        assertThat(created.json().get("options").get("publicKey").get("authenticatorSelection").get("userVerification").asText())
                .isEqualTo("required");
        assertError(verify(service, passkey.create(created.json().get("options"))), 400, 60379);
        assertThat(factorStatus(created.text("sid"))).isEqualTo("unverified");
        passkey.userVerified = true;
        assertThat(verify(service, passkey.create(created.json().get("options"))).status()).isEqualTo(200);
        JsonNode challenge = login(service, "{}");
        assertThat(challenge.get("options").get("publicKey").get("userVerification").asText()).isEqualTo("required");
        passkey.userVerified = false;
        assertError(approve(service, passkey.get(challenge.get("options"))), 400, 60379);
        assertThat(challengeStatus(challenge)).isEqualTo("pending");
    }

    @Test
    void concurrentApprovalsOfOneChallengeApproveItExactlyOnce() throws Exception {
        String service = passkeyService();
        TestPasskey passkey = es256(); // counter 0: only the challenge's single use stands between the replays
        String factorSid = registered(service, ALICE, passkey);
        JsonNode challenge = login(service, "{}");
        String body = passkey.get(challenge.get("options")).toString();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return http.postJson(auth, passkeys(service, "ApproveChallenge"), body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get(60, TimeUnit.SECONDS);
                statuses.add(r.status());
                if (r.status() != 200) {
                    assertThat(r.json().get("code").asInt()).as(r.raw().body()).isEqualTo(60322);
                }
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(challengeStatus(challenge)).isEqualTo("approved");
        assertThat(http.get(auth, entityPath(service, ALICE) + "/Challenges").json().get("challenges")).hasSize(1);
        assertThat(factorSid).isNotNull();
    }

    @Test
    void twoClonesRacingWithOneCounterValueWinOnce() throws Exception {
        String service = passkeyService();
        TestPasskey passkey = es256();
        passkey.counter = 7;
        String factorSid = registered(service, ALICE, passkey);
        // Two challenges, each answered with the same counter value (8), as two copies of one key would.
        JsonNode first = login(service, "{}");
        JsonNode second = login(service, "{}");
        String a = passkey.get(first.get("options")).toString();
        passkey.counter = 8;
        String b = passkey.get(second.get("options")).toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Http.Reply> ra = pool.submit(() -> {
                start.await();
                return http.postJson(auth, passkeys(service, "ApproveChallenge"), a);
            });
            Future<Http.Reply> rb = pool.submit(() -> {
                start.await();
                return http.postJson(auth, passkeys(service, "ApproveChallenge"), b);
            });
            start.countDown();
            List<Http.Reply> replies = List.of(ra.get(60, TimeUnit.SECONDS), rb.get(60, TimeUnit.SECONDS));
            assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(replies).filteredOn(r -> r.status() == 400).singleElement()
                    .satisfies(r -> assertThat(r.json().get("code").asInt()).isEqualTo(60379));
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter(factorSid)).isEqualTo("8");
        assertThat(List.of(challengeStatus(first), challengeStatus(second))).containsExactlyInAnyOrder("approved", "pending");
        assertThat(new String(passkey.userHandle, StandardCharsets.US_ASCII)).startsWith("YE");
    }
}
