package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device emulation against the test vectors of docs/push-protocol.md §6.4, so that a failing device
 * scenario points at the server, not at the emulation.
 */
class PushDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRIVATE_SCALAR = "390b7cca9bea73effdbd76b0bc1fc1c04421dae3a42f65f283f426378cd10e1c";
    private static final String PUBLIC_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEujU8c5MnsD/lWocNv23wtP19Z1m4Put6ig8foef9fapaIV34HcoCQxf5Hb1aov0FNURk4U9SnkuJZs31+lcCMg==";
    private static final PushDevice.Enrolment ENROLMENT = new PushDevice.Enrolment(
            "AC00000000000000000000000000000001", "VA00000000000000000000000000000002", "user-0001",
            "YF00000000000000000000000000000003", "CR00000000000000000000000000000004");
    private static final String FACTOR_PROOF =
            "MEUCIQDmN8DFOVWJVkkCEeaWV+lR+2Tulbj6vnzfgLgvKrUi+QIgORXTPbhcnctNmYZE8Nofp8r/9q45V/CXolcrl55npfI=";
    private static final String DEVICE_JWT = "eyJjdHkiOiJ0d2lsaW8tcGJhO3Y9MSIsImtpZCI6IkNSMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDQiLCJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
            + ".eyJzdWIiOiJBQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIiwiZXhwIjoxNTk1MzU5NTAyLCJuYmYiOjE1OTUzNTg5MDJ9"
            + ".fgFayWnl5yDzcECZX71Nn4eFcd66eDB4GrbuiqmmYUzvu0yn6KPY9ky-kIx12u5W1-cy_EewhGx_9H3CYFAWVg";
    private static final String CHALLENGE_BODY = "{\"sid\":\"YC00000000000000000000000000000005\",\"account_sid\":\"AC00000000000000000000000000000001\",\"service_sid\":\"VA00000000000000000000000000000002\",\"entity_sid\":\"YE00000000000000000000000000000006\",\"identity\":\"user-0001\",\"factor_sid\":\"YF00000000000000000000000000000003\",\"date_created\":\"2020-07-21T17:07:32Z\",\"date_updated\":\"2020-07-21T17:07:32Z\",\"date_responded\":null,\"expiration_date\":\"2020-07-21T17:12:32Z\",\"status\":\"pending\",\"responded_reason\":\"none\",\"details\":{\"message\":\"Login request\",\"date\":\"2020-07-21T17:07:32Z\",\"fields\":[{\"label\":\"IP\",\"value\":\"10.0.0.1\"}]},\"hidden_details\":{\"ip\":\"10.0.0.1\"},\"metadata\":null,\"factor_type\":\"push\"}";
    private static final String APPROVAL = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
            + ".eyJzaWQiOiJZQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA1IiwiZmFjdG9yX3NpZCI6IllGMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDMiLCJkZXRhaWxzIjp7Im1lc3NhZ2UiOiJMb2dpbiByZXF1ZXN0IiwiZGF0ZSI6IjIwMjAtMDctMjFUMTc6MDc6MzJaIiwiZmllbGRzIjpbeyJsYWJlbCI6IklQIiwidmFsdWUiOiIxMC4wLjAuMSJ9XX0sImhpZGRlbl9kZXRhaWxzIjp7ImlwIjoiMTAuMC4wLjEifSwiZXhwaXJhdGlvbl9kYXRlIjoiMjAyMC0wNy0yMVQxNzoxMjozMloiLCJkYXRlX2NyZWF0ZWQiOiIyMDIwLTA3LTIxVDE3OjA3OjMyWiIsInN0YXR1cyI6ImFwcHJvdmVkIn0"
            + ".NKPQN_E8mp1cL0LUuA87RLmwYtvrtXQOiKSfmce5Pamv-ixlVnTetEtA-X09ohNMwqL3eeHh4purGuj4vxc4hQ";
    private static final List<String> FIELDS =
            List.of("sid", "factor_sid", "details", "hidden_details", "expiration_date", "date_created");

    private final KeyPair keys = vectorKeyPair();
    private final PushDevice device = new PushDevice(URI.create("http://127.0.0.1:1"), null, keys);

    @Test
    void thePublicKeyIsTheBase64SubjectPublicKeyInfo() {
        assertThat(device.publicKeyBase64()).isEqualTo(PUBLIC_KEY);
    }

    @Test
    void theFactorProofIsADerSignatureOverTheFactorSid() throws Exception {
        String proof = device.factorProof(ENROLMENT.factorSid());

        assertThat(verifiesDer(proof, ENROLMENT.factorSid())).isTrue();
        assertThat(verifiesDer(FACTOR_PROOF, ENROLMENT.factorSid())).as("the documented vector").isTrue();
    }

    @Test
    void theDeviceJwtCarriesTheDocumentedHeaderAndClaims() throws Exception {
        String jwt = device.deviceJwt(ENROLMENT, Instant.ofEpochSecond(1595358902), Duration.ofMinutes(10));

        SignedJWT ours = SignedJWT.parse(jwt);
        SignedJWT documented = SignedJWT.parse(DEVICE_JWT);
        assertThat(json(ours.getHeader().toString())).isEqualTo(json(documented.getHeader().toString()));
        assertThat(json(ours.getPayload().toString())).isEqualTo(json(documented.getPayload().toString()));
        assertThat(ours.getSignature().decode()).as("raw r||s, not DER").hasSize(64);
        assertThat(ours.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
        assertThat(documented.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
    }

    @Test
    void theApprovalPayloadCopiesTheListedFieldsAndSetsTheStatus() throws Exception {
        Exchange get = new Exchange("GET", URI.create("http://127.0.0.1:1/"), null, 200,
                Map.of("Twilio-Verify-Signature-Fields", List.of(String.join(",", FIELDS))), CHALLENGE_BODY);
        PushDevice.FetchedChallenge fetched = new PushDevice.FetchedChallenge(get, get.json(), FIELDS);

        String approval = device.sign(PushDevice.signedPayload(fetched, "approved"));

        JWSObject ours = JWSObject.parse(approval);
        JWSObject documented = JWSObject.parse(APPROVAL);
        assertThat(json(ours.getHeader().toString())).isEqualTo(json("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"));
        assertThat(ours.getPayload().toString()).isEqualTo(documented.getPayload().toString());
        assertThat(ours.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
        assertThat(documented.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
    }

    private boolean verifiesDer(String base64Der, String message) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(keys.getPublic());
        signature.update(message.getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(base64Der));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static KeyPair vectorKeyPair() {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_KEY)));
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(PRIVATE_SCALAR, 16), publicKey.getParams()));
            return new KeyPair(publicKey, privateKey);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
