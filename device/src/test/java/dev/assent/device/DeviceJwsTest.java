package dev.assent.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device's tokens against the test vectors of docs/push-protocol.md §6.4: ECDSA is randomised, so the
 * signing inputs must match byte for byte and the signatures must verify with the vector's public key
 * (checked here with the JDK's verifier, not the server's).
 */
class DeviceJwsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCALAR = "390b7cca9bea73effdbd76b0bc1fc1c04421dae3a42f65f283f426378cd10e1c";
    private static final String PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEujU8c5MnsD/lWocNv23wtP19Z1m4Put6ig8foef9fapaIV34HcoCQxf5Hb1aov0FNURk4U9SnkuJZs31+lcCMg==";
    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String FACTOR = "YF00000000000000000000000000000003";
    private static final String CREDENTIAL = "CR00000000000000000000000000000004";
    private static final String DEVICE_JWT = "eyJjdHkiOiJ0d2lsaW8tcGJhO3Y9MSIsImtpZCI6IkNSMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDQiLCJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJBQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIiwiZXhwIjoxNTk1MzU5NTAyLCJuYmYiOjE1OTUzNTg5MDJ9.fgFayWnl5yDzcECZX71Nn4eFcd66eDB4GrbuiqmmYUzvu0yn6KPY9ky-kIx12u5W1-cy_EewhGx_9H3CYFAWVg";
    private static final String CHALLENGE = "{\"sid\":\"YC00000000000000000000000000000005\",\"account_sid\":\"AC00000000000000000000000000000001\",\"service_sid\":\"VA00000000000000000000000000000002\",\"entity_sid\":\"YE00000000000000000000000000000006\",\"identity\":\"user-0001\",\"factor_sid\":\"YF00000000000000000000000000000003\",\"date_created\":\"2020-07-21T17:07:32Z\",\"date_updated\":\"2020-07-21T17:07:32Z\",\"date_responded\":null,\"expiration_date\":\"2020-07-21T17:12:32Z\",\"status\":\"pending\",\"responded_reason\":\"none\",\"details\":{\"message\":\"Login request\",\"date\":\"2020-07-21T17:07:32Z\",\"fields\":[{\"label\":\"IP\",\"value\":\"10.0.0.1\"}]},\"hidden_details\":{\"ip\":\"10.0.0.1\"},\"metadata\":null,\"factor_type\":\"push\"}";
    private static final String SIGNATURE_FIELDS = "sid,factor_sid,details,hidden_details,expiration_date,date_created";
    private static final String APPROVAL = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJzaWQiOiJZQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA1IiwiZmFjdG9yX3NpZCI6IllGMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDMiLCJkZXRhaWxzIjp7Im1lc3NhZ2UiOiJMb2dpbiByZXF1ZXN0IiwiZGF0ZSI6IjIwMjAtMDctMjFUMTc6MDc6MzJaIiwiZmllbGRzIjpbeyJsYWJlbCI6IklQIiwidmFsdWUiOiIxMC4wLjAuMSJ9XX0sImhpZGRlbl9kZXRhaWxzIjp7ImlwIjoiMTAuMC4wLjEifSwiZXhwaXJhdGlvbl9kYXRlIjoiMjAyMC0wNy0yMVQxNzoxMjozMloiLCJkYXRlX2NyZWF0ZWQiOiIyMDIwLTA3LTIxVDE3OjA3OjMyWiIsInN0YXR1cyI6ImFwcHJvdmVkIn0.NKPQN_E8mp1cL0LUuA87RLmwYtvrtXQOiKSfmce5Pamv-ixlVnTetEtA-X09ohNMwqL3eeHh4purGuj4vxc4hQ";

    private static String vectorPrivateKeyBase64() throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
        byte[] pkcs8 = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(SCALAR, 16), curve)).getEncoded();
        return Base64.getEncoder().encodeToString(pkcs8);
    }

    private static DeviceKey vectorKey() throws Exception {
        return DeviceKey.decode(PUBLIC_KEY, vectorPrivateKeyBase64());
    }

    private static VirtualDevice vectorDevice() throws Exception {
        return new VirtualDevice(vectorKey(), ACCOUNT, FACTOR, CREDENTIAL);
    }

    private static boolean verifiesRaw(String jws) throws Exception {
        int lastDot = jws.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey());
        verifier.update(jws.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(jws.substring(lastDot + 1)));
    }

    private static PublicKey publicKey() throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PUBLIC_KEY)));
    }

    private static String signingInput(String jws) {
        return jws.substring(0, jws.lastIndexOf('.'));
    }

    @Test
    void theVectorKeyPairLoadsAndItsPublicKeyIsTheBindingKey() throws Exception {
        assertThat(vectorKey().publicKeyBase64()).isEqualTo(PUBLIC_KEY);
        assertThat(vectorKey().privateKeyBase64()).isEqualTo(vectorPrivateKeyBase64());
    }

    @Test
    void deviceJwtHasTheSdkHeaderAndClaimsByteForByte() throws Exception {
        String jwt = vectorDevice().deviceJwt(Instant.ofEpochSecond(1595358902));
        assertThat(signingInput(jwt)).isEqualTo(signingInput(DEVICE_JWT));
        assertThat(jwt.substring(jwt.lastIndexOf('.') + 1)).hasSize(86); // 64 raw bytes, base64url without padding
        assertThat(verifiesRaw(jwt)).isTrue();
        assertThat(verifiesRaw(DEVICE_JWT)).isTrue();
    }

    @Test
    void authorizationIsBasicTokenWithAFreshDeviceJwt() throws Exception {
        String authorization = vectorDevice().authorization(Instant.ofEpochSecond(1595358902));
        assertThat(authorization).startsWith("Basic ");
        String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("token:");
        String jwt = decoded.substring("token:".length());
        assertThat(signingInput(jwt)).isEqualTo(signingInput(DEVICE_JWT));
        assertThat(verifiesRaw(jwt)).isTrue();
    }

    @Test
    void approvalSignsExactlyTheListedFieldsPlusStatus() throws Exception {
        JsonNode body = JSON.readTree(CHALLENGE);
        String answer = vectorDevice().answer(body, SIGNATURE_FIELDS, "approved");
        assertThat(signingInput(answer)).isEqualTo(signingInput(APPROVAL));
        assertThat(verifiesRaw(answer)).isTrue();
        assertThat(verifiesRaw(APPROVAL)).isTrue();
    }

    @Test
    void theAnswerPayloadCopiesListedMembersInListOrderAndReplacesStatus() throws Exception {
        JsonNode body = JSON.readTree(CHALLENGE);
        ObjectNode payload = DeviceJws.answerPayload(body, List.of("status", "metadata", "sid"), "denied");
        assertThat(JSON.writeValueAsString(payload))
                .isEqualTo("{\"status\":\"denied\",\"metadata\":null,\"sid\":\"YC00000000000000000000000000000005\"}");
    }

    @Test
    void aListedFieldTheBodyLacksCannotBeSigned() throws Exception {
        JsonNode body = JSON.readTree(CHALLENGE);
        assertThatThrownBy(() -> vectorDevice().answer(body, "sid,nonexistent", "approved"))
                .isInstanceOfSatisfying(SignatureFieldMissingException.class, e -> assertThat(e.field()).isEqualTo("nonexistent"));
        assertThatThrownBy(() -> vectorDevice().answer(body, "sid,", "approved"))
                .isInstanceOfSatisfying(SignatureFieldMissingException.class, e -> assertThat(e.field()).isEmpty());
    }

    @Test
    void factorProofIsADerSignatureOfTheFactorSid() throws Exception {
        byte[] proof = Base64.getDecoder().decode(vectorDevice().proof());
        assertThat(proof[0]).isEqualTo((byte) 0x30);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey());
        verifier.update(FACTOR.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(proof)).isTrue();
    }

    @Test
    void aBarePrivateKeySignsTheExactTexts() throws Exception {
        String header = "{\"alg\":\"ES256\",\"kid\":4}";
        String payload = "{\"sub\":\"a\\/b\"}";
        KeyFactory factory = KeyFactory.getInstance("EC");
        String jws = DeviceJws.sign(factory.generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(vectorPrivateKeyBase64()))), header, payload);
        assertThat(signingInput(jws)).isEqualTo(DeviceJws.signingInput(header, payload));
        assertThat(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(verifiesRaw(jws)).isTrue();
    }

    @Test
    void storedKeysThatAreNotOneP256PairAreRefusedWithoutShowingThem() throws Exception {
        DeviceKey other = DeviceKey.generate();
        String privateKey = vectorPrivateKeyBase64();
        assertThatThrownBy(() -> DeviceKey.decode(other.publicKeyBase64(), privateKey))
                .hasMessageContaining("do not belong together").hasMessageNotContaining(privateKey);
        assertThatThrownBy(() -> DeviceKey.decode(PUBLIC_KEY, "bm90IGEga2V5")).hasMessageContaining("not an EC key pair");
        assertThatThrownBy(() -> DeviceKey.decode(PUBLIC_KEY, "not base64!")).hasMessageContaining("private_key is not base64");
        assertThatThrownBy(() -> DeviceKey.decode(PUBLIC_KEY, null)).hasMessageContaining("private_key is missing");
    }

    @Test
    void aKeyNeverShowsInToString() throws Exception {
        DeviceKey key = vectorKey();
        assertThat(key.toString()).doesNotContain(key.privateKeyBase64());
        assertThat(vectorDevice().toString()).doesNotContain(key.privateKeyBase64());
    }
}
