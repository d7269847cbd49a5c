package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** A push device as the mobile SDKs are: a P-256 key, device JWTs, factor proofs and signed answers. */
final class TestDevice {

    private static final ObjectMapper JSON = new ObjectMapper();
    final KeyPair keys;
    String factorSid;
    String credentialSid;
    String accountSid;

    TestDevice() {
        this(newKeyPair());
    }

    /** A second device holding the same key, e.g. to try enrolling one key twice. */
    TestDevice(KeyPair keys) {
        this.keys = keys;
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The factor-verification payload: base64 DER ECDSA-SHA256 over the factor SID (docs/push-protocol.md §3). */
    String proof() {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(factorSid.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Basic token:<JWT>} valid from {@code now} for ten minutes, as the SDKs build it. */
    String auth(Instant now) {
        return auth(now, credentialSid, accountSid);
    }

    String auth(Instant now, String kid, String sub) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(kid)
                .contentType("twilio-pba;v=1").build();
        Map<String, Object> claims = Map.of("sub", sub, "nbf", now.getEpochSecond(), "exp", now.getEpochSecond() + 600);
        return Http.basic("token", sign(header, claims));
    }

    /** The {@code AuthPayload} answering a challenge, from the GET body and the signature-fields header. */
    String answer(JsonNode challenge, String signatureFields, String status) {
        ObjectNode payload = JSON.createObjectNode();
        for (String field : signatureFields.split(",")) {
            payload.set(field, challenge.get(field));
        }
        payload.put("status", status);
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                JSON.convertValue(payload, Map.class));
    }

    private String sign(JWSHeader header, Map<String, Object> claims) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(JSON.writeValueAsString(claims)));
            jws.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
