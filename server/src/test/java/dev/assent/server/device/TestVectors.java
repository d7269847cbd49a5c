package dev.assent.server.device;

import dev.assent.device.DeviceJws;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The test vectors of docs/push-protocol.md §6.4, verbatim, and helpers to craft more. */
final class TestVectors {

    static final String PRIVATE_SCALAR_HEX = "390b7cca9bea73effdbd76b0bc1fc1c04421dae3a42f65f283f426378cd10e1c";
    static final String PUBLIC_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEujU8c5MnsD/lWocNv23wtP19Z1m4Put6ig8foef9fapaIV34HcoCQxf5Hb1aov0FNURk4U9SnkuJZs31+lcCMg==";
    /** The OAI example key of §2.1, another valid P-256 key. */
    static final String OAI_PUBLIC_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8GdwtibWe0kpgsFl6xPQBwhtwUEyeJkeozFmi2jiJDzxFSMwVy3kVR1h/dPVYOfgkC0EkfBRJ0J/6xW47FD5vA==";

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String SERVICE_SID = "VA00000000000000000000000000000002";
    static final String FACTOR_SID = "YF00000000000000000000000000000003";
    static final String CREDENTIAL_SID = "CR00000000000000000000000000000004";
    static final String CHALLENGE_SID = "YC00000000000000000000000000000005";

    static final String FACTOR_PROOF =
            "MEUCIQDmN8DFOVWJVkkCEeaWV+lR+2Tulbj6vnzfgLgvKrUi+QIgORXTPbhcnctNmYZE8Nofp8r/9q45V/CXolcrl55npfI=";

    static final long JWT_NBF = 1595358902L;
    static final long JWT_EXP = 1595359502L;
    static final String DEVICE_JWT =
            "eyJjdHkiOiJ0d2lsaW8tcGJhO3Y9MSIsImtpZCI6IkNSMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDQiLCJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
                    + ".eyJzdWIiOiJBQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIiwiZXhwIjoxNTk1MzU5NTAyLCJuYmYiOjE1OTUzNTg5MDJ9"
                    + ".fgFayWnl5yDzcECZX71Nn4eFcd66eDB4GrbuiqmmYUzvu0yn6KPY9ky-kIx12u5W1-cy_EewhGx_9H3CYFAWVg";

    static final String CHALLENGE_BODY =
            "{\"sid\":\"YC00000000000000000000000000000005\",\"account_sid\":\"AC00000000000000000000000000000001\","
                    + "\"service_sid\":\"VA00000000000000000000000000000002\",\"entity_sid\":\"YE00000000000000000000000000000006\","
                    + "\"identity\":\"user-0001\",\"factor_sid\":\"YF00000000000000000000000000000003\","
                    + "\"date_created\":\"2020-07-21T17:07:32Z\",\"date_updated\":\"2020-07-21T17:07:32Z\",\"date_responded\":null,"
                    + "\"expiration_date\":\"2020-07-21T17:12:32Z\",\"status\":\"pending\",\"responded_reason\":\"none\","
                    + "\"details\":{\"message\":\"Login request\",\"date\":\"2020-07-21T17:07:32Z\",\"fields\":[{\"label\":\"IP\",\"value\":\"10.0.0.1\"}]},"
                    + "\"hidden_details\":{\"ip\":\"10.0.0.1\"},\"metadata\":null,\"factor_type\":\"push\"}";
    static final String SIGNATURE_FIELDS = "sid,factor_sid,details,hidden_details,expiration_date,date_created";

    static final String APPROVE_AUTH_PAYLOAD =
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9"
                    + ".eyJzaWQiOiJZQzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA1IiwiZmFjdG9yX3NpZCI6IllGMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDMiLCJkZXRhaWxzIjp7Im1lc3NhZ2UiOiJMb2dpbiByZXF1ZXN0IiwiZGF0ZSI6IjIwMjAtMDctMjFUMTc6MDc6MzJaIiwiZmllbGRzIjpbeyJsYWJlbCI6IklQIiwidmFsdWUiOiIxMC4wLjAuMSJ9XX0sImhpZGRlbl9kZXRhaWxzIjp7ImlwIjoiMTAuMC4wLjEifSwiZXhwaXJhdGlvbl9kYXRlIjoiMjAyMC0wNy0yMVQxNzoxMjozMloiLCJkYXRlX2NyZWF0ZWQiOiIyMDIwLTA3LTIxVDE3OjA3OjMyWiIsInN0YXR1cyI6ImFwcHJvdmVkIn0"
                    + ".NKPQN_E8mp1cL0LUuA87RLmwYtvrtXQOiKSfmce5Pamv-ixlVnTetEtA-X09ohNMwqL3eeHh4purGuj4vxc4hQ";

    static final String DER_SIGNATURE_B64URL =
            "MEQCIFtun9Ioo-W-juCG7sOl8PPPuozb8cspsUtpu2TxnzP_AiAi1VpFNTr2eK-VX3b1DLHy8rPm3MOpTvUH14hyNr0Gfg";
    static final String RAW_SIGNATURE_B64URL =
            "W26f0iij5b6O4Ibuw6Xw88-6jNvxyymxS2m7ZPGfM_8i1VpFNTr2eK-VX3b1DLHy8rPm3MOpTvUH14hyNr0Gfg";

    private TestVectors() {
    }

    /** ACCP (when it loads here; a separate test insists that it does) and BouncyCastle. */
    static Stream<Named<Provider>> providers() {
        Stream<Named<Provider>> accp = CryptoProviders.accp().stream().map(p -> Named.of("ACCP", p));
        return Stream.concat(accp, Stream.of(Named.of("BouncyCastle", CryptoProviders.bouncyCastle())));
    }

    /** The §6.4 private key, rebuilt from its scalar, so tests can sign variations of the vectors. */
    static ECPrivateKey vectorPrivateKey() {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(PRIVATE_SCALAR_HEX, 16), DeviceKeys.P256));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair freshKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A compact ES256 JWS over exactly these header and payload texts, as an SDK would build it: signed by the
     * shared device signer (module {@code device/}), which shares no code with the verifier under test.
     */
    static String signJws(ECPrivateKey key, String headerJson, String payloadJson) {
        return DeviceJws.sign(key, headerJson, payloadJson);
    }
}
