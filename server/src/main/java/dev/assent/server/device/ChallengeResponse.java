package dev.assent.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * A device's answer to a push challenge: the {@code AuthPayload} JWS an SDK posts to approve or deny
 * (docs/push-protocol.md §6.2), verified as §6.3 prescribes.
 *
 * <p>The SDK copies, unchanged, the value of every top-level key the server listed in
 * {@code Twilio-Verify-Signature-Fields} from the challenge body it fetched, adds
 * {@code "status":"approved"|"denied"}, and signs that object as an ES256 JWS with header
 * {@code {"typ":"JWT","alg":"ES256"}}. Platforms serialise differently (key order, {@code \/}), so
 * the signature is checked over the received bytes and the values are compared as parsed JSON.
 */
public final class ChallengeResponse {

    /** Longest accepted {@code AuthPayload}: the limit the public API documents for push (§6.1). */
    public static final int MAX_LENGTH = 5456;

    private ChallengeResponse() {
    }

    /** The outcome of {@link #verify}. */
    public sealed interface Result permits Approved, Denied, Invalid {
    }

    /** A valid signature over the challenge as rendered, with {@code status} {@code approved}. */
    public record Approved() implements Result {
    }

    /** A valid signature over the challenge as rendered, with {@code status} {@code denied}. */
    public record Denied() implements Result {
    }

    /**
     * Anything else; the caller answers 403 with Twilio code 60324. {@code reason} is for logs: it names
     * the failed check and at most a signed field's name, never payload content.
     */
    public record Invalid(String reason) implements Result {
        public Invalid {
            Objects.requireNonNull(reason);
        }
    }

    /**
     * Verifies an {@code AuthPayload} against the challenge as the server rendered it.
     *
     * <p>Checks, in order: length, three base64url parts, header {@code alg} {@code ES256} (other header
     * members are ignored), the ES256 signature with {@code key} over the received bytes, a JSON object
     * payload, {@code status} {@code approved} or {@code denied}, and for every entry of
     * {@code signedFields} except {@code status} a payload member of that name that is JSON-semantically
     * equal to the rendered value: member order is irrelevant, strings compare by content, numbers by
     * value ({@code 1} equals {@code 1.0}: JSON has a single number type and a platform's JSON library
     * may re-render a number it copied), {@code null} equals {@code null}. Payload members that are not
     * listed are ignored.
     *
     * @param signedFields field name (as listed in {@code Twilio-Verify-Signature-Fields}) to the JSON value
     *     the server rendered for it in the challenge body; a Java {@code null} value stands for JSON
     *     {@code null}. Must contain {@code sid}: without the challenge SID in the signed data an approval
     *     could be replayed against another challenge with the same details.
     * @throws IllegalArgumentException if {@code signedFields} lacks {@code sid} (a caller bug, not bad input)
     */
    public static Result verify(ECPublicKey key, String authPayload, Map<String, JsonNode> signedFields) {
        return verify(key, authPayload, signedFields, CryptoProviders.ecdsa());
    }

    /** As {@link #verify(ECPublicKey, String, Map)} on a given provider; tests run both. */
    static Result verify(ECPublicKey key, String authPayload, Map<String, JsonNode> signedFields, Provider provider) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(signedFields);
        if (!signedFields.containsKey("sid")) {
            throw new IllegalArgumentException("the signed fields must include sid");
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(authPayload, MAX_LENGTH);
        } catch (IllegalArgumentException e) {
            return new Invalid("not a compact JWS: " + e.getMessage());
        }
        if (!"ES256".equals(jws.headerString("alg"))) {
            return new Invalid("alg is not ES256");
        }
        if (!jws.verify(key, provider)) {
            return new Invalid("signature does not verify with the factor's key");
        }
        ObjectNode payload = Json.readObject(jws.payload());
        if (payload == null) {
            return new Invalid("payload is not a JSON object");
        }
        JsonNode status = payload.get("status");
        boolean approved = status != null && "approved".equals(status.textValue());
        boolean denied = status != null && "denied".equals(status.textValue());
        if (!approved && !denied) {
            return new Invalid("status is neither approved nor denied");
        }
        for (Map.Entry<String, JsonNode> field : signedFields.entrySet()) {
            String name = field.getKey();
            if (name.equals("status")) {
                continue; // the SDK overwrites it with the answer
            }
            JsonNode signed = payload.get(name);
            if (signed == null) {
                return new Invalid("signed field " + name + " is missing");
            }
            JsonNode rendered = field.getValue() == null ? NullNode.getInstance() : field.getValue();
            if (!Json.same(rendered, signed)) {
                return new Invalid("signed field " + name + " differs from the challenge");
            }
        }
        return approved ? new Approved() : new Denied();
    }
}
