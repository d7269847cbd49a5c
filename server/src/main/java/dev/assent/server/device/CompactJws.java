package dev.assent.server.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * A compact JWS split into header, payload and signature, decoded but not verified
 * (RFC 7515 §7.1; docs/push-protocol.md §4, §6.2).
 *
 * <p>Keeps the exact received {@code header.payload} bytes as the signing input: the SDKs serialise
 * JSON differently per platform (key order, {@code \/}), so re-serialising would break signatures.
 * The payload is only decoded here; parsing it as JSON is left to the caller, after the signature.
 */
final class CompactJws {

    private final ObjectNode header;
    private final byte[] payload;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJws(ObjectNode header, byte[] payload, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /**
     * Splits {@code compact}; the signature part may be empty (an unsecured {@code alg=none} token) so
     * that the caller can report the algorithm rather than a shape error.
     *
     * @throws IllegalArgumentException with a short reason (never the input) if it is not three
     *     unpadded base64url parts whose header is a JSON object
     */
    static CompactJws parse(String compact, int maxLength) {
        if (compact == null || compact.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (compact.length() > maxLength) {
            throw new IllegalArgumentException("longer than " + maxLength + " characters");
        }
        int firstDot = compact.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : compact.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || secondDot == firstDot + 1 || compact.indexOf('.', secondDot + 1) >= 0) {
            throw new IllegalArgumentException("not three dot-separated parts");
        }
        byte[] headerBytes = decode(compact.substring(0, firstDot), "header");
        byte[] payload = decode(compact.substring(firstDot + 1, secondDot), "payload");
        byte[] signature = decode(compact.substring(secondDot + 1), "signature");
        ObjectNode header = Json.readObject(headerBytes);
        if (header == null) {
            throw new IllegalArgumentException("header is not a JSON object");
        }
        // Every character was checked to be base64url, so this is the exact received text as ASCII.
        byte[] signingInput = compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(header, payload, signingInput, signature);
    }

    /** The header's {@code name} member if it is a JSON string, else {@code null}. */
    String headerString(String name) {
        return header.get(name) instanceof TextNode text ? text.textValue() : null;
    }

    boolean hasHeader(String name) {
        return header.has(name);
    }

    byte[] payload() {
        return payload.clone();
    }

    boolean signatureIsEmpty() {
        return signature.length == 0;
    }

    /** Whether the signature is a valid ES256 signature of the received {@code header.payload} by {@code key}. */
    boolean verify(ECPublicKey key, Provider provider) {
        return Es256.verify(key, signingInput, signature, provider);
    }

    /** RFC 7515 base64url without padding; the JDK decoder refuses characters outside the alphabet. */
    private static byte[] decode(String part, String name) {
        if (part.indexOf('=') >= 0) {
            throw new IllegalArgumentException(name + " is padded base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url");
        }
    }
}
