package dev.assent.device.passkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Base64url and SHA-256 as WebAuthn uses them; decoding is lenient as relying parties are not. */
final class WebAuthnEncoding {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private WebAuthnEncoding() {
    }

    /** Base64url without padding: how browsers encode every binary member of a credential's JSON. */
    static String base64Url(byte[] bytes) {
        return URL.encodeToString(bytes);
    }

    /**
     * The bytes of a base64url or standard base64 value, padded or not: relying parties emit either (Twilio's web
     * SDK decodes {@code challenge} and {@code user.id} with {@code atob()}, so servers may emit standard base64).
     *
     * @throws PasskeyException naming {@code field} when the value is no base64 of either alphabet
     */
    static byte[] decode(String value, String field) {
        if (value == null) {
            throw new PasskeyException(PasskeyException.Kind.TYPE_ERROR, field + " is missing");
        }
        String url = value.strip().replace('+', '-').replace('/', '_');
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '=') {
            end--;
        }
        try {
            return Base64.getUrlDecoder().decode(url.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(PasskeyException.Kind.TYPE_ERROR, field + " is not base64url: '" + shorten(value) + "'");
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
