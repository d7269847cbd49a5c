package dev.assent.server.accesstoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import dev.assent.server.accesstoken.EnrollmentTokenException.Reason;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant ISSUED = Instant.parse("2026-01-15T10:00:00Z");
    private static final EnrollmentSigningKey KEY = EnrollmentSigningKey.generate();
    private static final EnrollmentClaims CLAIMS = new EnrollmentClaims(Sid.generate(SidType.ACCESS_TOKEN),
            Sid.generate(SidType.ACCOUNT), Sid.generate(SidType.SERVICE), "user-00000001", FactorType.PUSH,
            Optional.of("Tom's phone"), ISSUED, ISSUED.plusSeconds(60));

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        String token = EnrollmentToken.sign(CLAIMS, KEY);

        assertThat(EnrollmentToken.verify(token, KEY, ISSUED.plusSeconds(59))).isEqualTo(CLAIMS);
        assertThat(EnrollmentToken.claimsToBeOne(token)).isTrue();
    }

    @Test
    void theHeaderAndClaimsAreTheDocumentedOnes() throws Exception {
        String[] parts = EnrollmentToken.sign(CLAIMS, KEY).split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("cty").asText()).isEqualTo("twilio-fpa;v=1");
        assertThat(header.get("kid").asText()).isEqualTo("assent-enrollment-v1");
        assertThat(claims.get("jti").asText()).isEqualTo(CLAIMS.tokenSid().value());
        assertThat(claims.get("sub").asText()).isEqualTo(CLAIMS.accountSid().value());
        assertThat(claims.get("service_sid").asText()).isEqualTo(CLAIMS.serviceSid().value());
        assertThat(claims.get("identity").asText()).isEqualTo("user-00000001");
        assertThat(claims.get("factor_type").asText()).isEqualTo("push");
        assertThat(claims.get("factor_friendly_name").asText()).isEqualTo("Tom's phone");
        assertThat(claims.get("iat").asLong()).isEqualTo(ISSUED.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(ISSUED.getEpochSecond() + 60);
    }

    @Test
    void aTokenWithoutFriendlyNameOmitsTheClaim() {
        EnrollmentClaims unnamed = new EnrollmentClaims(CLAIMS.tokenSid(), CLAIMS.accountSid(), CLAIMS.serviceSid(),
                CLAIMS.identity(), FactorType.PUSH, Optional.empty(), ISSUED, ISSUED.plusSeconds(300));
        assertThat(EnrollmentToken.verify(EnrollmentToken.sign(unnamed, KEY), KEY, ISSUED)).isEqualTo(unnamed);
    }

    @Test
    void aTamperedPayloadFailsTheMac() throws Exception {
        String[] parts = EnrollmentToken.sign(CLAIMS, KEY).split("\\.");
        String otherIdentity = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-00000001", "user-00000002");
        String tampered = parts[0] + "." + b64(otherIdentity) + "." + parts[2];

        assertThat(reason(tampered, KEY, ISSUED)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedMacOrAnotherKeyFails() {
        String token = EnrollmentToken.sign(CLAIMS, KEY);
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(reason(flipped, KEY, ISSUED)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reason(token, EnrollmentSigningKey.generate(), ISSUED)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenExpiresAtExp() {
        String token = EnrollmentToken.sign(CLAIMS, KEY);

        assertThat(reason(token, KEY, CLAIMS.expiresAt())).isEqualTo(Reason.EXPIRED);
        assertThat(reason(token, KEY, CLAIMS.expiresAt().plus(Duration.ofDays(1)))).isEqualTo(Reason.EXPIRED);
        assertThat(EnrollmentToken.verify(token, KEY, CLAIMS.expiresAt().minusMillis(1))).isEqualTo(CLAIMS);
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        JWSObject hs512 = new JWSObject(header(JWSAlgorithm.HS512, "twilio-fpa;v=1", EnrollmentToken.KEY_ID), claimsPayload());
        hs512.sign(new MACSigner(new byte[64])); // HS512 needs a 512-bit key; the alg check comes first anyway
        assertThat(reason(hs512.serialize(), KEY, ISSUED)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);

        String none = b64("{\"alg\":\"none\",\"cty\":\"twilio-fpa;v=1\"}") + "." + claimsPayload().toBase64URL() + ".";
        assertThat(reason(none, KEY, ISSUED)).isIn(Reason.MALFORMED, Reason.UNSUPPORTED_ALGORITHM);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        JWSObject es256 = new JWSObject(header(JWSAlgorithm.ES256, "twilio-fpa;v=1", EnrollmentToken.KEY_ID), claimsPayload());
        es256.sign(new ECDSASigner((ECPrivateKey) generator.generateKeyPair().getPrivate()));
        assertThat(reason(es256.serialize(), KEY, ISSUED)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void theContentTypeAndKeyIdMustBeOurs() throws Exception {
        JWSObject deviceType = new JWSObject(header(JWSAlgorithm.HS256, "twilio-pba;v=1", EnrollmentToken.KEY_ID), claimsPayload());
        deviceType.sign(new MACSigner(KEY.bytes()));
        assertThat(reason(deviceType.serialize(), KEY, ISSUED)).isEqualTo(Reason.WRONG_CONTENT_TYPE);

        JWSObject otherKid = new JWSObject(header(JWSAlgorithm.HS256, "twilio-fpa;v=1", "assent-enrollment-v0"), claimsPayload());
        otherKid.sign(new MACSigner(KEY.bytes()));
        assertThat(reason(otherKid.serialize(), KEY, ISSUED)).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void claimsOfTheWrongShapeAreMalformedEvenWithAGoodMac() throws Exception {
        JWSObject noJti = new JWSObject(header(JWSAlgorithm.HS256, "twilio-fpa;v=1", EnrollmentToken.KEY_ID),
                new Payload("{\"sub\":\"" + CLAIMS.accountSid() + "\",\"iat\":1,\"exp\":9999999999}"));
        noJti.sign(new MACSigner(KEY.bytes()));
        assertThat(reason(noJti.serialize(), KEY, ISSUED)).isEqualTo(Reason.MALFORMED);

        for (String garbage : new String[] {"", "abc", "a.b", "a.b.c", "x".repeat(5000)}) {
            assertThat(reason(garbage, KEY, ISSUED)).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void aDeviceJwtDoesNotClaimToBeAnEnrollmentToken() {
        String deviceHeader = b64("{\"cty\":\"twilio-pba;v=1\",\"kid\":\"CR00000000000000000000000000000004\",\"typ\":\"JWT\",\"alg\":\"ES256\"}");
        assertThat(EnrollmentToken.claimsToBeOne(deviceHeader + ".e30.c2ln")).isFalse();
        assertThat(EnrollmentToken.claimsToBeOne("not a jwt")).isFalse();
        assertThat(EnrollmentToken.claimsToBeOne(b64("{\"alg\":\"HS256\"}") + ".e30.c2ln")).isTrue();
    }

    @Test
    void secretsStayOutOfToString() {
        AccessToken token = new AccessToken(CLAIMS.tokenSid(), CLAIMS.accountSid(), CLAIMS.serviceSid(), CLAIMS.identity(),
                FactorType.PUSH, Optional.empty(), Duration.ofSeconds(60), "eyJsecret.payload.mac", CLAIMS.expiresAt(),
                Optional.empty(), ISSUED);
        assertThat(token.toString()).doesNotContain("eyJsecret");
        assertThat(KEY.toString()).doesNotContain(KEY.toBase64());
    }

    private static Reason reason(String token, EnrollmentSigningKey key, Instant now) {
        EnrollmentTokenException e = catchThrowableOfType(EnrollmentTokenException.class, () -> EnrollmentToken.verify(token, key, now));
        assertThat(e).as("token should be refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(token.length() > 20 ? token.substring(0, 20) : "\u0000");
        return e.reason();
    }

    private static JWSHeader header(JWSAlgorithm alg, String cty, String kid) {
        return new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).contentType(cty).keyID(kid).build();
    }

    private static Payload claimsPayload() throws Exception {
        String[] parts = EnrollmentToken.sign(CLAIMS, KEY).split("\\.");
        return new Payload(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
