package dev.assent.device.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The software authenticator's registrations and assertions, each checked by WebAuthn4J as an RP checks them. */
class SoftwareAuthenticatorTest {

    private static final String ORIGIN = "https://login.example.com";
    private static final String RP_ID = "example.com";
    private static final byte[] USER_ID = "YE0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);

    private final SoftwareAuthenticator authenticator = SoftwareAuthenticator.create(CLOCK);
    private final WebAuthnOracle oracle = new WebAuthnOracle(ORIGIN, RP_ID);

    @ParameterizedTest
    @ValueSource(strings = {"none", "direct"})
    void registrationVerifiesWithItsAttestationFormat(String conveyance) {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(
                PasskeyOptions.creation(RP_ID, challenge, USER_ID, conveyance, "required"), ORIGIN);

        CredentialRecord record = oracle.register(registration.json(), challenge, true);

        RegistrationData parsed = oracle.parseRegistration(registration.json());
        String expectedFormat = conveyance.equals("none") ? "none" : "packed";
        assertThat(parsed.getAttestationObject().getFormat()).isEqualTo(expectedFormat);
        if (expectedFormat.equals("packed")) {
            PackedAttestationStatement statement = (PackedAttestationStatement) parsed.getAttestationObject().getAttestationStatement();
            assertThat(statement.getAlg()).isEqualTo(COSEAlgorithmIdentifier.ES256);
            assertThat(statement.getX5c()).isNull(); // self attestation
        }
        assertThat(record.getAttestedCredentialData().getCredentialId()).isEqualTo(registration.credential().credentialId());
        assertThat(record.getAttestedCredentialData().getAaguid().getValue()).isEqualTo(authenticator.aaguid());
        assertThat(record.getAttestedCredentialData().getCOSEKey().getPublicKey())
                .isEqualTo(registration.credential().publicKey());
        assertThat(record.getCounter()).isZero();
        assertThat(record.isUvInitialized()).isTrue();
        JsonNode json = registration.json();
        assertThat(json.get("id").asText()).isEqualTo(json.get("rawId").asText())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(registration.credential().credentialId()));
        assertThat(json.get("type").asText()).isEqualTo("public-key");
        assertThat(json.get("authenticatorAttachment").asText()).isEqualTo("platform");
        assertThat(json.at("/response/transports/0").asText()).isEqualTo("internal");
        assertThat(registration.clientDataJson()).startsWith("{\"type\":\"webauthn.create\",\"challenge\":\"");
        assertThat(authenticator.credentials()).containsExactly(registration.credential());
    }

    @Test
    void assertionsVerifyAndTheCounterGrowsByOne() {
        CredentialRecord record = registered("preferred");
        for (long expected = 1; expected <= 3; expected++) {
            byte[] challenge = PasskeyOptions.randomChallenge();
            PasskeyAssertion assertion = authenticator.authenticate(
                    PasskeyOptions.request(RP_ID, challenge, "required", authenticator.credentials().get(0).id()), ORIGIN);

            AuthenticationData data = oracle.authenticate(assertion.json(), challenge, record, true);

            assertThat(data.getAuthenticatorData().getSignCount()).isEqualTo(expected);
            assertThat(assertion.signCount()).isEqualTo(expected);
            assertThat(authenticator.credentials().get(0).signCount()).isEqualTo(expected);
            assertThat(data.getUserHandle()).isEqualTo(USER_ID);
            assertThat(data.getAuthenticatorData().isFlagUP()).isTrue();
            assertThat(data.getAuthenticatorData().isFlagUV()).isTrue();
        }
    }

    @Test
    void discoverableLoginPicksTheCredentialForTheRpIdAndSendsItsUserHandle() {
        CredentialRecord record = registered("preferred");
        SoftwareAuthenticator other = authenticator; // a second RP's credential in the same authenticator
        other.register(PasskeyOptions.creation("other.test", PasskeyOptions.randomChallenge(), "bob".getBytes(StandardCharsets.US_ASCII),
                "none", "preferred"), "https://other.test");
        byte[] challenge = PasskeyOptions.randomChallenge();

        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, challenge, "preferred"), ORIGIN);

        assertThat(assertion.credential().rpId()).isEqualTo(RP_ID);
        AuthenticationData data = oracle.authenticate(assertion.json(), challenge, record, false);
        assertThat(data.getUserHandle()).isEqualTo(USER_ID);
        assertThat(assertion.json().at("/response/userHandle").asText())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(USER_ID));
    }

    @Test
    void discouragedUserVerificationLeavesUvClearAndAnRpRequiringItRefuses() {
        CredentialRecord record = registered("discouraged");
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, challenge, "discouraged"), ORIGIN);

        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), challenge, record, true))
                .isInstanceOf(UserNotVerifiedException.class);
        assertThat(oracle.authenticate(assertion.json(), challenge, record, false).getAuthenticatorData().isFlagUV()).isFalse();
    }

    @Test
    void standardBase64OptionsAsTwilioEmitsThemAreRead() {
        byte[] challenge = "YF0123456789abcdef0123456789abcd?>".getBytes(StandardCharsets.US_ASCII); // '+' and '/' in base64
        JsonNode options = PasskeyOptions.creation(RP_ID, challenge, USER_ID, "none", "preferred");
        ((com.fasterxml.jackson.databind.node.ObjectNode) options.get("publicKey"))
                .put("challenge", Base64.getEncoder().encodeToString(challenge));
        assertThat(options.at("/publicKey/challenge").asText()).containsAnyOf("+", "/", "=");

        PasskeyRegistration registration = authenticator.register(options, ORIGIN);

        oracle.register(registration.json(), challenge, false);
    }

    // ---- the knobs for negative tests: each deviation is what the RP's verifier catches ----

    @Test
    void anotherOriginIsSignedAndRefusedByTheRp() {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(PasskeyOptions.creation(RP_ID, challenge, USER_ID, "none", "preferred"),
                ORIGIN, CeremonySettings.DEFAULT.withOrigin("https://evil.test"));
        assertThat(registration.clientDataJson()).contains("\"origin\":\"https://evil.test\"");
        assertThatThrownBy(() -> oracle.register(registration.json(), challenge, false)).isInstanceOf(BadOriginException.class);

        CredentialRecord record = registered("preferred");
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withOrigin("https://evil.test"));
        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), login, record, false)).isInstanceOf(BadOriginException.class);
    }

    @Test
    void anotherRpIdHashIsRefusedByTheRp() {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(PasskeyOptions.creation(RP_ID, challenge, USER_ID, "none", "preferred"),
                ORIGIN, CeremonySettings.DEFAULT.withRpId("evil.test"));
        assertThatThrownBy(() -> oracle.register(registration.json(), challenge, false)).isInstanceOf(BadRpIdException.class);

        CredentialRecord record = registered("preferred");
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withRpId("evil.test"));
        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), login, record, false)).isInstanceOf(BadRpIdException.class);
    }

    @Test
    void aTamperedSignatureIsRefusedByTheRp() {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(PasskeyOptions.creation(RP_ID, challenge, USER_ID, "direct", "preferred"),
                ORIGIN, CeremonySettings.DEFAULT.withTamperedSignature());
        assertThatThrownBy(() -> oracle.register(registration.json(), challenge, false)).isInstanceOf(BadSignatureException.class);

        CredentialRecord record = registered("preferred");
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withTamperedSignature());
        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), login, record, false)).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void anOldCounterIsRefusedByTheRpAndNotStored() {
        CredentialRecord record = registered("preferred");
        byte[] first = PasskeyOptions.randomChallenge();
        oracle.authenticate(authenticator.authenticate(PasskeyOptions.request(RP_ID, first, "preferred"), ORIGIN).json(), first, record, false);
        byte[] second = PasskeyOptions.randomChallenge();
        oracle.authenticate(authenticator.authenticate(PasskeyOptions.request(RP_ID, second, "preferred"), ORIGIN).json(), second, record, false);

        byte[] replay = PasskeyOptions.randomChallenge();
        PasskeyAssertion clone = authenticator.authenticate(PasskeyOptions.request(RP_ID, replay, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withSignCount(1));

        assertThat(clone.signCount()).isEqualTo(1);
        assertThat(authenticator.credentials().get(0).signCount()).isEqualTo(2);
        assertThatThrownBy(() -> oracle.authenticate(clone.json(), replay, record, false))
                .isInstanceOf(MaliciousCounterValueException.class);
    }

    @Test
    void anotherChallengeIsRefusedByTheRp() {
        CredentialRecord record = registered("preferred");
        byte[] issued = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, issued, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withChallenge(PasskeyOptions.randomChallenge()));
        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), issued, record, false)).isInstanceOf(BadChallengeException.class);
    }

    @Test
    void userPresenceClearedIsRefusedByTheRp() {
        CredentialRecord record = registered("preferred");
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withUserPresent(false));
        assertThatThrownBy(() -> oracle.authenticate(assertion.json(), login, record, false)).isInstanceOf(UserNotPresentException.class);
    }

    @Test
    void anotherUserHandleIsSentWithAValidSignature() {
        CredentialRecord record = registered("preferred");
        byte[] login = PasskeyOptions.randomChallenge();
        byte[] mallory = "YEffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII);
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN,
                CeremonySettings.DEFAULT.withUserHandle(mallory));

        // WebAuthn4J leaves the user-handle-to-credential check to the RP (§7.2 step 6): the signature holds,
        // the handle is the other user's; Assent's server must refuse it.
        AuthenticationData data = oracle.authenticate(assertion.json(), login, record, false);
        assertThat(data.getUserHandle()).isEqualTo(mallory);
    }

    @Test
    void aChosenCredentialIsUsedWhateverAllowCredentialsSays() {
        registered("preferred");
        PasskeyRegistration second = authenticator.register(PasskeyOptions.creation(RP_ID, PasskeyOptions.randomChallenge(),
                "YEbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes(StandardCharsets.US_ASCII), "none", "preferred"), ORIGIN);
        String firstId = authenticator.credentials().get(0).id();

        PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, PasskeyOptions.randomChallenge(),
                "preferred", firstId), ORIGIN, CeremonySettings.DEFAULT.withCredentialId(second.credential().credentialId()));

        assertThat(assertion.json().get("id").asText()).isEqualTo(second.credential().id()).isNotEqualTo(firstId);
    }

    // ---- the browser's own refusals ----

    @Test
    void theBrowserRefusesAnOriginOutsideTheRpIdAndInsecureOrigins() {
        JsonNode options = PasskeyOptions.creation(RP_ID, PasskeyOptions.randomChallenge(), USER_ID, "none", "preferred");
        assertThatThrownBy(() -> authenticator.register(options, "https://example.com.evil.test"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.kind()).isEqualTo(PasskeyException.Kind.SECURITY_ERROR));
        assertThatThrownBy(() -> authenticator.register(options, "http://login.example.com"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.kind()).isEqualTo(PasskeyException.Kind.SECURITY_ERROR));
        assertThat(authenticator.credentials()).isEmpty();
        // localhost is a secure context over plain HTTP, as in browsers
        authenticator.register(PasskeyOptions.creation("localhost", PasskeyOptions.randomChallenge(), USER_ID, "none", "preferred"),
                "http://localhost:8080");
        assertThat(authenticator.credentials()).hasSize(1);
    }

    @Test
    void anExcludedCredentialRefusesASecondRegistration() {
        registered("preferred");
        JsonNode options = PasskeyOptions.creation(RP_ID, PasskeyOptions.randomChallenge(), USER_ID, "none", "preferred");
        ((com.fasterxml.jackson.databind.node.ObjectNode) options.get("publicKey")).putArray("excludeCredentials").addObject()
                .put("type", "public-key").put("id", authenticator.credentials().get(0).id());
        assertThatThrownBy(() -> authenticator.register(options, ORIGIN))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.kind()).isEqualTo(PasskeyException.Kind.INVALID_STATE_ERROR));
        assertThat(authenticator.credentials()).hasSize(1);
    }

    @Test
    void neitherEs256NorRs256OfferedIsNotSupportedAndNothingIsKept() {
        JsonNode options = withAlgorithms(PasskeyOptions.creation(RP_ID, PasskeyOptions.randomChallenge(), USER_ID, "none",
                "preferred"), -8, -35);
        assertThatThrownBy(() -> authenticator.register(options, ORIGIN))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.kind()).isEqualTo(PasskeyException.Kind.NOT_SUPPORTED_ERROR));
        assertThat(authenticator.credentials()).isEmpty();
    }

    /** WebAuthn §6.3.2 step 2: the first algorithm of pubKeyCredParams the authenticator supports, in the RP's order. */
    @ParameterizedTest
    @ValueSource(strings = {"-7,-257:-7", "-257,-7:-257", "-257:-257", "-8,-257,-7:-257", "-8,-7,-257:-7", ":-7"})
    void theCredentialTakesTheFirstSupportedAlgorithmInTheRpsOrder(String offeredThenChosen) {
        String[] parts = offeredThenChosen.split(":");
        long[] offered = parts[0].isEmpty() ? new long[0]
                : java.util.Arrays.stream(parts[0].split(",")).mapToLong(Long::parseLong).toArray();
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(withAlgorithms(
                PasskeyOptions.creation(RP_ID, challenge, USER_ID, "none", "preferred"), offered), ORIGIN);

        CredentialRecord record = oracle.register(registration.json(), challenge, false);

        int chosen = Integer.parseInt(parts[1]);
        assertThat(registration.credential().algorithm()).isEqualTo(chosen);
        assertThat(record.getAttestedCredentialData().getCOSEKey().getAlgorithm().getValue()).isEqualTo(chosen);
        assertThat(registration.credential().publicKey().getAlgorithm()).isEqualTo(chosen == -7 ? "EC" : "RSA");
    }

    @Test
    void anRs256CredentialRegistersWithPackedAttestationAndItsAssertionsVerify() {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(withAlgorithms(
                PasskeyOptions.creation(RP_ID, challenge, USER_ID, "direct", "required"), -257), ORIGIN);

        CredentialRecord record = oracle.register(registration.json(), challenge, true);

        PackedAttestationStatement statement = (PackedAttestationStatement) oracle.parseRegistration(registration.json())
                .getAttestationObject().getAttestationStatement();
        assertThat(statement.getAlg()).isEqualTo(COSEAlgorithmIdentifier.RS256);
        java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) registration.credential().publicKey();
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.getPublicExponent()).isEqualTo(java.math.BigInteger.valueOf(65537));
        assertThat(record.getAttestedCredentialData().getCOSEKey().getPublicKey()).isEqualTo(key);
        for (long expected = 1; expected <= 2; expected++) {
            byte[] login = PasskeyOptions.randomChallenge();
            PasskeyAssertion assertion = authenticator.authenticate(PasskeyOptions.request(RP_ID, login, "required"), ORIGIN);
            assertThat(oracle.authenticate(assertion.json(), login, record, true).getAuthenticatorData().getSignCount())
                    .isEqualTo(expected);
            // PKCS#1 v1.5 signatures are as long as the modulus.
            assertThat(Base64.getUrlDecoder().decode(assertion.json().at("/response/signature").asText())).hasSize(256);
        }
        PasskeyAssertion tampered = authenticator.authenticate(PasskeyOptions.request(RP_ID, challenge, "required"), ORIGIN,
                CeremonySettings.DEFAULT.withTamperedSignature());
        assertThatThrownBy(() -> oracle.authenticate(tampered.json(), challenge, record, true)).isInstanceOf(BadSignatureException.class);
    }

    /** The creation options with {@code pubKeyCredParams} replaced by public-key entries of {@code algorithms}, in order. */
    private static JsonNode withAlgorithms(JsonNode options, long... algorithms) {
        com.fasterxml.jackson.databind.node.ArrayNode params = ((com.fasterxml.jackson.databind.node.ObjectNode) options.get("publicKey"))
                .putArray("pubKeyCredParams");
        for (long alg : algorithms) {
            params.addObject().put("type", "public-key").put("alg", alg);
        }
        return options;
    }

    @Test
    void noMatchingCredentialIsNotAllowedAndChangesNothing() {
        registered("preferred");
        PasskeyCredential before = authenticator.credentials().get(0);
        assertThatThrownBy(() -> authenticator.authenticate(PasskeyOptions.request(RP_ID, PasskeyOptions.randomChallenge(),
                "preferred", "AAAA"), ORIGIN))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.kind()).isEqualTo(PasskeyException.Kind.NOT_ALLOWED_ERROR));
        assertThatThrownBy(() -> authenticator.authenticate(PasskeyOptions.request("other.test", PasskeyOptions.randomChallenge(),
                "preferred"), "https://other.test"))
                .isInstanceOf(PasskeyException.class);
        assertThat(authenticator.credentials()).containsExactly(before);
    }

    private CredentialRecord registered(String userVerification) {
        byte[] challenge = PasskeyOptions.randomChallenge();
        PasskeyRegistration registration = authenticator.register(
                PasskeyOptions.creation(RP_ID, challenge, USER_ID, "none", userVerification), ORIGIN);
        return oracle.register(registration.json(), challenge, false);
    }
}
