package dev.assent.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;

/**
 * One enrolled push device, built the way the mobile SDKs build their requests (docs/push-protocol.md
 * §3, §4, §6): a P-256 key, the factor it is bound to, and the signed tokens it sends.
 *
 * @param keys          the device key pair; the public half was enrolled as {@code Binding.PublicKey}
 * @param entityPath    {@code /v2/Services/{service}/Entities/{identity}}
 * @param factorSid     the push factor ({@code YF…})
 * @param credentialSid the {@code kid} of every device JWT
 * @param accountSid    the {@code sub} of every device JWT
 */
record Device(KeyPair keys, String entityPath, String factorSid, String credentialSid, String accountSid) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    /** The approval JWS header: only typ and alg, no kid (§6.2). */
    private static final String ANSWER_HEADER = B64URL.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.US_ASCII));
    private static final int JWT_LIFETIME_SECONDS = 600;

    /** The public key as enrolled: Base64 of the X.509 SubjectPublicKeyInfo DER (§2.1). */
    static String publicKeyOf(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The factor-verification payload: Base64 DER signature over the factor SID (§3). */
    String proof(DeviceSigning signing) {
        return Base64.getEncoder().encodeToString(signing.signDer(keys.getPrivate(), factorSid.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code Basic token:<device JWT>}, freshly signed for {@code now}, with the Android SDK's header
     * and claims (§4). A new signature per request, as the SDK does, is what the server really pays for.
     */
    String authorization(DeviceSigning signing, Instant now) {
        String header = "{\"cty\":\"twilio-pba;v=1\",\"kid\":\"" + credentialSid + "\",\"typ\":\"JWT\",\"alg\":\"ES256\"}";
        long seconds = now.getEpochSecond();
        String claims = "{\"sub\":\"" + accountSid + "\",\"exp\":" + (seconds + JWT_LIFETIME_SECONDS) + ",\"nbf\":" + seconds + "}";
        String jwt = jws(signing, B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)), claims.getBytes(StandardCharsets.UTF_8));
        return LoopbackHttp.basic("token", jwt);
    }

    /**
     * The {@code AuthPayload} approving or denying a challenge (§6.2): the fields the server listed,
     * copied unchanged from the body it sent, plus {@code status}, as a compact ES256 JWS.
     */
    String answer(DeviceSigning signing, JsonNode challenge, String signatureFields, String status) {
        ObjectNode payload = JSON.createObjectNode();
        for (String field : signatureFields.split(",")) {
            payload.set(field, challenge.get(field));
        }
        payload.put("status", status);
        try {
            return jws(signing, ANSWER_HEADER, JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jws(DeviceSigning signing, String encodedHeader, byte[] payload) {
        String input = encodedHeader + "." + B64URL.encodeToString(payload);
        byte[] signature = signing.signRaw(keys.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64URL.encodeToString(signature);
    }
}
