package dev.assent.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Compact ES256 JWS exactly as the Android SDK builds them (docs/push-protocol.md §4, §6.2): compact JSON
 * header and payload in the SDK's member order, base64url without padding, signed over the ASCII
 * {@code header.payload} with the raw 64-byte {@code r||s} signature.
 *
 * <p>Built by hand (Jackson for the JSON, the JCA for the signature) rather than through a JOSE library:
 * the signing input must match the §6.4 vectors byte for byte, and the server's tests also sign headers no
 * JOSE library would write. The server verifies with nimbus and its own DER parser, so a bug on one side
 * cannot be mirrored on the other.
 */
public final class DeviceJws {

    /** How long a device JWT is valid, as in both SDKs. */
    public static final Duration DEVICE_JWT_LIFETIME = Duration.ofMinutes(10);
    /** The response header that lists the challenge members a device signs (§5.1, §6.2). */
    public static final String SIGNATURE_FIELDS = "Twilio-Verify-Signature-Fields";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DeviceJws() {
    }

    /**
     * The device JWT: header {@code {"cty":"twilio-pba;v=1","kid":<credential SID>,"typ":"JWT","alg":"ES256"}},
     * claims {@code {"sub":<account SID>,"exp":now+600,"nbf":now}} (§4).
     */
    public static String deviceJwt(DeviceKey key, String credentialSid, String accountSid, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("cty", "twilio-pba;v=1").put("kid", credentialSid).put("typ", "JWT")
                .put("alg", "ES256");
        long nbf = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("sub", accountSid).put("exp", nbf + DEVICE_JWT_LIFETIME.toSeconds())
                .put("nbf", nbf);
        return sign(key, json(header), json(claims));
    }

    /** The names listed in a {@value #SIGNATURE_FIELDS} header value, in order, empty names kept. */
    public static List<String> signatureFields(String headerValue) {
        return Arrays.asList(headerValue.split(",", -1));
    }

    /**
     * The payload a device signs to answer a challenge (§6.2): every listed top-level member copied
     * unchanged, in list order, from the challenge body it fetched, then {@code status} set to the answer.
     *
     * @throws SignatureFieldMissingException if a listed member is not in the body (both SDKs fail there)
     */
    public static ObjectNode answerPayload(JsonNode challenge, List<String> signatureFields, String status) {
        ObjectNode payload = JSON.createObjectNode();
        for (String field : signatureFields) {
            if (!challenge.has(field)) {
                throw new SignatureFieldMissingException(field);
            }
            payload.set(field, challenge.get(field));
        }
        payload.put("status", status);
        return payload;
    }

    /** The {@code AuthPayload} of an answer: header {@code {"typ":"JWT","alg":"ES256"}} over {@code payload}. */
    public static String answer(DeviceKey key, ObjectNode payload) {
        return sign(key, "{\"typ\":\"JWT\",\"alg\":\"ES256\"}", json(payload));
    }

    /** A compact ES256 JWS over exactly these header and payload texts. */
    public static String sign(DeviceKey key, String headerJson, String payloadJson) {
        String input = signingInput(headerJson, payloadJson);
        return input + "." + BASE64URL.encodeToString(key.signRaw(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * As {@link #sign(DeviceKey, String, String)} with a bare private key, on the JDK's provider: for tests
     * that craft tokens from the §6.4 vector key.
     */
    public static String sign(PrivateKey key, String headerJson, String payloadJson) {
        String input = signingInput(headerJson, payloadJson);
        return input + "." + BASE64URL.encodeToString(DeviceKey.signRaw(key, null, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@code base64url(header) "." base64url(payload)}: the ASCII text the signature covers. */
    public static String signingInput(String headerJson, String payloadJson) {
        return BASE64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
