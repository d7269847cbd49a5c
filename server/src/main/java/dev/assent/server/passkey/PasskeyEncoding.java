package dev.assent.server.passkey;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.sid.Sid;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The encodings of the passkeys wire. WebAuthn's JSON uses base64url; Twilio's web SDK decodes
 * {@code challenge} and {@code user.id} with the browser's {@code atob()}, standard base64. Values
 * Assent emits use only letters and digits, no padding, so both decoders read the same bytes.
 */
public final class PasskeyEncoding {

    /** Challenge bytes: 256 bits (WebAuthn asks for at least 16 random bytes). */
    public static final int CHALLENGE_BYTES = 32;
    /** The longest credential id WebAuthn allows (1023 bytes), as base64url. */
    public static final int MAX_CREDENTIAL_ID_CHARS = 1364;

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9_+/-]*={0,2}");

    private PasskeyEncoding() {
    }

    /**
     * A fresh challenge from {@code random}: {@value #CHALLENGE_BYTES} bytes whose base64url spelling has
     * no {@code -} or {@code _} (drawn again until it has none: about four draws), so {@code atob()} reads it too.
     */
    public static String newChallenge(SecureRandom random) {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        while (true) {
            random.nextBytes(bytes);
            String text = URL.encodeToString(bytes);
            if (text.indexOf('-') < 0 && text.indexOf('_') < 0) {
                return text;
            }
        }
    }

    /**
     * The WebAuthn {@code user.id} of an entity: its SID's ASCII bytes (Twilio's choice: the
     * assertion's {@code userHandle} then names the entity), base64url without padding; a SID's
     * characters never encode to {@code -} or {@code _}, so it is standard base64 too.
     */
    public static String userId(Sid entitySid) {
        return URL.encodeToString(userHandle(entitySid));
    }

    public static byte[] userHandle(Sid entitySid) {
        return entitySid.value().getBytes(StandardCharsets.US_ASCII);
    }

    public static String base64Url(byte[] bytes) {
        return URL.encodeToString(bytes);
    }

    /** Decodes base64url or standard base64, with or without padding; empty if it is neither. */
    public static Optional<byte[]> decode(String text) {
        if (text == null || !BASE64.matcher(text).matches()) {
            return Optional.empty();
        }
        String url = text.replace('+', '-').replace('/', '_');
        int end = url.indexOf('=');
        if (end >= 0) {
            url = url.substring(0, end);
        }
        if (url.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The canonical spelling (base64url, no padding) of a base64 or base64url value; empty if it is neither. */
    public static Optional<String> canonical(String text) {
        return decode(text).map(URL::encodeToString);
    }

    /**
     * The credential id a response names, from {@code id} (base64url) and {@code rawId}: browsers send
     * {@code rawId} as base64url, Twilio's spec example as hex; either is accepted when it agrees with
     * {@code id}. Without {@code id}, {@code rawId} is read as base64url, or as hex when {@code expected}
     * (the id the authenticator data carries) says so. Twilio's 60376 if they are missing, malformed
     * or disagree.
     */
    public static byte[] credentialId(Optional<String> id, Optional<String> rawId, Optional<byte[]> expected) {
        Optional<byte[]> fromId = id.map(v -> decode(v).filter(b -> b.length > 0).orElseThrow(() -> rawIdInvalid("id is not base64url")));
        if (rawId.isEmpty()) {
            return fromId.or(() -> expected).orElseThrow(() -> rawIdInvalid("rawId is missing"));
        }
        String raw = rawId.get();
        if (raw.length() > 2 * 1023) {
            throw rawIdInvalid("rawId is too long");
        }
        Optional<byte[]> asBase64 = decode(raw).filter(b -> b.length > 0);
        Optional<byte[]> asHex = HEX.matcher(raw).matches() ? Optional.of(HexFormat.of().parseHex(raw)) : Optional.empty();
        Optional<byte[]> reference = fromId.or(() -> expected);
        if (reference.isPresent()) {
            byte[] want = reference.get();
            if (asBase64.filter(b -> java.util.Arrays.equals(b, want)).isPresent()
                    || asHex.filter(b -> java.util.Arrays.equals(b, want)).isPresent()) {
                return want;
            }
            throw rawIdInvalid("rawId does not match " + (fromId.isPresent() ? "id" : "the credential in the authenticator data"));
        }
        return asBase64.orElseThrow(() -> rawIdInvalid("rawId is neither base64url nor hex"));
    }

    static ApiException rawIdInvalid(String why) {
        return new ApiException(ApiError.PASSKEY_RAW_ID_INVALID, "Invalid rawId: " + why);
    }
}
