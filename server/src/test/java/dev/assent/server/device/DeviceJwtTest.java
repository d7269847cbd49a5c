package dev.assent.server.device;

import static dev.assent.server.device.TestVectors.ACCOUNT_SID;
import static dev.assent.server.device.TestVectors.CREDENTIAL_SID;
import static dev.assent.server.device.TestVectors.DEVICE_JWT;
import static dev.assent.server.device.TestVectors.JWT_EXP;
import static dev.assent.server.device.TestVectors.JWT_NBF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import dev.assent.server.device.DeviceAuthException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceJwtTest {

    private static final ECPublicKey KEY = DeviceKeys.parsePublicKey(TestVectors.PUBLIC_KEY);
    private static final ECPrivateKey PRIVATE_KEY = TestVectors.vectorPrivateKey();
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final String HEADER =
            "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"" + CREDENTIAL_SID + "\",\"typ\":\"JWT\",\"alg\":\"ES256\"}";

    private static Instant at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }

    private static String claims(long nbf, long exp) {
        return "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + exp + ",\"nbf\":" + nbf + "}";
    }

    @Test
    void theDocumentedJwtParsesAndNamesItsCredential() {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        assertThat(jwt.keyId()).isEqualTo(CREDENTIAL_SID);
        assertThat(jwt.toString()).isEqualTo("DeviceJwt[kid=" + CREDENTIAL_SID + "]").doesNotContain("eyJ");
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theDocumentedJwtVerifiesThroughoutItsLifetime(Provider provider) {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        for (long now : new long[] {JWT_NBF, JWT_NBF + 300, JWT_EXP - 1}) {
            assertThatCode(() -> jwt.verify(KEY, ACCOUNT_SID, at(now), Duration.ZERO, provider)).doesNotThrowAnyException();
        }
        assertThatCode(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_EXP - 1).plusMillis(999), Duration.ZERO, provider))
                .doesNotThrowAnyException();
    }

    @Test
    void theDefaultProviderVerifiesItToo() {
        assertThatCode(() -> DeviceJwt.parse(DEVICE_JWT).verify(KEY, ACCOUNT_SID, at(JWT_NBF + 1), SKEW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theSkewWidensTheWindowOnBothSides(Provider provider) {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        assertThatCode(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF - 60), SKEW, provider)).doesNotThrowAnyException();
        assertThatCode(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_EXP + 59), SKEW, provider)).doesNotThrowAnyException();
        assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF - 61), SKEW, provider), Reason.NOT_YET_VALID);
        assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_EXP + 60), SKEW, provider), Reason.EXPIRED);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void withoutSkewItIsRefusedJustBeforeNbfAndAtExp(Provider provider) {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF).minusNanos(1), Duration.ZERO, provider), Reason.NOT_YET_VALID);
        assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_EXP), Duration.ZERO, provider), Reason.EXPIRED);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void itIsRefusedForAnotherAccount(Provider provider) {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        assertRefused(() -> jwt.verify(KEY, "AC00000000000000000000000000000009", at(JWT_NBF), SKEW, provider), Reason.WRONG_SUBJECT);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aTokenSignedForAnotherSubjectIsRefused(Provider provider) {
        String token = TestVectors.signJws(PRIVATE_KEY, HEADER,
                "{\"sub\":\"AC00000000000000000000000000000009\",\"exp\":" + JWT_EXP + ",\"nbf\":" + JWT_NBF + "}");

        assertRefused(() -> DeviceJwt.parse(token).verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider), Reason.WRONG_SUBJECT);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aTamperedPayloadBreaksTheSignature(Provider provider) {
        String[] parts = DEVICE_JWT.split("\\.");
        String laterExp = TestVectors.b64url(claims(JWT_NBF, JWT_EXP + 3000));
        DeviceJwt jwt = DeviceJwt.parse(parts[0] + "." + laterExp + "." + parts[2]);

        assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void anotherKeysSignatureIsRefusedBeforeAnyClaimIsLookedAt(Provider provider) {
        ECPublicKey other = DeviceKeys.parsePublicKey(TestVectors.OAI_PUBLIC_KEY);
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        // Wrong account and expired as well: the signature must be what is reported.
        assertRefused(() -> jwt.verify(other, "AC00000000000000000000000000000009", at(JWT_EXP + 999_999), SKEW, provider),
                Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theSignatureCoversTheReceivedBytesNotAReserialisation(Provider provider) {
        // iOS: dictionary key order and escaped slashes; still valid when signed as sent.
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + CREDENTIAL_SID + "\",\"cty\":\"twilio-pba;v=1\"}";
        String token = TestVectors.signJws(PRIVATE_KEY, header, "{\"nbf\":" + JWT_NBF + ",\"exp\":" + JWT_EXP + ",\"sub\":\"" + ACCOUNT_SID + "\"}");

        assertThatCode(() -> DeviceJwt.parse(token).verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider)).doesNotThrowAnyException();
    }

    @Test
    void anUnsecuredAlgNoneTokenIsRefused() {
        String header = "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"" + CREDENTIAL_SID + "\",\"typ\":\"JWT\",\"alg\":\"none\"}";
        String token = TestVectors.b64url(header) + "." + TestVectors.b64url(claims(JWT_NBF, JWT_EXP)) + ".";

        assertRefused(() -> DeviceJwt.parse(token), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic algorithm-confusion forgery: HMAC keyed with the (public) verification key.
        String header = "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"" + CREDENTIAL_SID + "\",\"typ\":\"JWT\",\"alg\":\"HS256\"}";
        String signingInput = TestVectors.b64url(header) + "." + TestVectors.b64url(claims(JWT_NBF, JWT_EXP));
        String mac = new MACSigner(Base64.getDecoder().decode(TestVectors.PUBLIC_KEY))
                .sign(new JWSHeader(JWSAlgorithm.HS256), signingInput.getBytes(StandardCharsets.US_ASCII)).toString();

        assertRefused(() -> DeviceJwt.parse(signingInput + "." + mac), Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aTokenWithoutTheTwilioContentTypeIsRefused() {
        String noCty = TestVectors.signJws(PRIVATE_KEY, "{\"kid\":\"" + CREDENTIAL_SID + "\",\"typ\":\"JWT\",\"alg\":\"ES256\"}",
                claims(JWT_NBF, JWT_EXP));
        String accessTokenCty = TestVectors.signJws(PRIVATE_KEY,
                "{\"cty\":\"twilio-fpa;v=1\",\"kid\":\"" + CREDENTIAL_SID + "\",\"alg\":\"ES256\"}", claims(JWT_NBF, JWT_EXP));

        assertRefused(() -> DeviceJwt.parse(noCty), Reason.WRONG_CONTENT_TYPE);
        assertRefused(() -> DeviceJwt.parse(accessTokenCty), Reason.WRONG_CONTENT_TYPE);
    }

    @Test
    void aTokenWithoutAKeyIdIsRefused() {
        String noKid = TestVectors.signJws(PRIVATE_KEY, "{\"cty\":\"twilio-pba;v=1\",\"alg\":\"ES256\"}", claims(JWT_NBF, JWT_EXP));
        String emptyKid = TestVectors.signJws(PRIVATE_KEY, "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"\",\"alg\":\"ES256\"}", claims(JWT_NBF, JWT_EXP));
        String numericKid = TestVectors.signJws(PRIVATE_KEY, "{\"cty\":\"twilio-pba;v=1\",\"kid\":4,\"alg\":\"ES256\"}", claims(JWT_NBF, JWT_EXP));

        assertRefused(() -> DeviceJwt.parse(noKid), Reason.MISSING_KEY_ID);
        assertRefused(() -> DeviceJwt.parse(emptyKid), Reason.MISSING_KEY_ID);
        assertRefused(() -> DeviceJwt.parse(numericKid), Reason.MISSING_KEY_ID);
    }

    @Test
    void criticalHeaderExtensionsAreRefused() {
        String header = "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"" + CREDENTIAL_SID + "\",\"alg\":\"ES256\",\"crit\":[\"x\"],\"x\":1}";

        assertRefused(() -> DeviceJwt.parse(TestVectors.signJws(PRIVATE_KEY, header, claims(JWT_NBF, JWT_EXP))), Reason.MALFORMED);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aLifetimeOfAnHourIsAcceptedButNotLonger(Provider provider) {
        DeviceJwt hour = DeviceJwt.parse(TestVectors.signJws(PRIVATE_KEY, HEADER, claims(JWT_NBF, JWT_NBF + 3600)));
        DeviceJwt longer = DeviceJwt.parse(TestVectors.signJws(PRIVATE_KEY, HEADER, claims(JWT_NBF, JWT_NBF + 3601)));

        assertThatCode(() -> hour.verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider)).doesNotThrowAnyException();
        assertRefused(() -> longer.verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider), Reason.LIFETIME_TOO_LONG);
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void signedTokensWithMissingOrIllTypedClaimsAreMalformed(Provider provider) {
        String[] payloads = {
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + JWT_EXP + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"nbf\":" + JWT_NBF + "}",
            "{\"exp\":" + JWT_EXP + ",\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":1,\"exp\":" + JWT_EXP + ",\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":\"" + JWT_EXP + "\",\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + JWT_EXP + ".5,\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":1e99,\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + JWT_NBF + ",\"nbf\":" + JWT_NBF + "}",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + JWT_EXP + ",\"nbf\":" + JWT_NBF + "}",
            "[\"" + ACCOUNT_SID + "\"]",
            "{\"sub\":\"" + ACCOUNT_SID + "\",\"exp\":" + JWT_EXP + ",\"nbf\":" + JWT_NBF + "} trailing",
        };
        for (String payload : payloads) {
            DeviceJwt jwt = DeviceJwt.parse(TestVectors.signJws(PRIVATE_KEY, HEADER, payload));
            assertRefused(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF), SKEW, provider), Reason.MALFORMED);
        }
    }

    @Test
    void malformedTokensAreRefusedWithoutEchoingThem() {
        String[] parts = DEVICE_JWT.split("\\.");
        String[] tokens = {
            "", "garbage", "a.b", "a.b.c.d", "." + parts[1] + "." + parts[2], parts[0] + ".." + parts[2],
            parts[0] + "." + parts[1] + ".", parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "." + parts[2] + "+",
            TestVectors.b64url("[1]") + "." + parts[1] + "." + parts[2], TestVectors.b64url("{not json") + "." + parts[1] + "." + parts[2],
            DEVICE_JWT + "A".repeat(DeviceJwt.MAX_LENGTH),
        };
        for (String token : tokens) {
            assertThatThrownBy(() -> DeviceJwt.parse(token))
                    .as(token)
                    .isInstanceOfSatisfying(DeviceAuthException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                        assertThat(e.getMessage()).doesNotContain("eyJ");
                        assertThat(e.getStackTrace()).isEmpty();
                    });
        }
        assertRefused(() -> DeviceJwt.parse(null), Reason.MALFORMED);
    }

    @Test
    void aNegativeSkewIsACallerError() {
        DeviceJwt jwt = DeviceJwt.parse(DEVICE_JWT);

        assertThatThrownBy(() -> jwt.verify(KEY, ACCOUNT_SID, at(JWT_NBF), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DeviceAuthException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
