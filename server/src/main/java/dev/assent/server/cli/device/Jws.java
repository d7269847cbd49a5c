package dev.assent.server.cli.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Compact ES256 JWS exactly as the Android SDK builds them: compact JSON header and payload in the SDK's
 * key order, base64url without padding, raw {@code r||s} signature (docs/push-protocol.md §4, §6.2).
 */
final class Jws {

    /** How long a device JWT is valid, as in both SDKs. */
    static final Duration DEVICE_JWT_LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jws() {
    }

    /**
     * The device JWT: header {@code {"cty":"twilio-pba;v=1","kid":<credential SID>,"typ":"JWT","alg":"ES256"}},
     * payload {@code {"sub":<account SID>,"exp":now+600,"nbf":now}}.
     */
    static String deviceJwt(DeviceKey key, String credentialSid, String accountSid, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("cty", "twilio-pba;v=1").put("kid", credentialSid).put("typ", "JWT")
                .put("alg", "ES256");
        long nbf = now.getEpochSecond();
        ObjectNode payload = JSON.createObjectNode().put("sub", accountSid).put("exp", nbf + DEVICE_JWT_LIFETIME.toSeconds())
                .put("nbf", nbf);
        return sign(key, header, payload);
    }

    /** The answer to a challenge: header {@code {"typ":"JWT","alg":"ES256"}} over the given payload. */
    static String answer(DeviceKey key, ObjectNode payload) {
        return sign(key, JSON.createObjectNode().put("typ", "JWT").put("alg", "ES256"), payload);
    }

    /** {@code base64url(header) "." base64url(payload)}: the bytes the signature covers. */
    static String signingInput(ObjectNode header, ObjectNode payload) {
        return encode(header) + "." + encode(payload);
    }

    private static String sign(DeviceKey key, ObjectNode header, ObjectNode payload) {
        String input = signingInput(header, payload);
        return input + "." + BASE64URL.encodeToString(key.signRaw(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(ObjectNode json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
