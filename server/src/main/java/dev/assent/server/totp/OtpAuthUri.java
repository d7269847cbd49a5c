package dev.assent.server.totp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds {@code otpauth://totp/} URIs in the
 * <a href="https://github.com/google/google-authenticator/wiki/Key-Uri-Format">Key URI Format</a>
 * that authenticator apps scan from a QR code, matching the {@code binding.uri} Twilio returns.
 *
 * <p>Issuer and account name are percent-encoded as UTF-8 per
 * <a href="https://www.rfc-editor.org/rfc/rfc3986#section-2.1">RFC 3986 §2.1</a>: only unreserved
 * characters stay raw, and a space becomes {@code %20}, never {@code +} (form encoding, which
 * authenticators would show literally). The {@code :} between issuer and account name is the
 * label separator and stays literal, so a {@code :} inside either part is encoded.
 */
public final class OtpAuthUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {}

    /**
     * The key URI, e.g. {@code otpauth://totp/test-issuer:John%E2%80%99s%20Account%20Name?secret=…
     * &issuer=test-issuer&algorithm=SHA1&digits=6&period=30}.
     */
    public static String of(String issuer, String accountName, String base32Secret, TotpParameters p) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(base32Secret, "base32Secret");
        Objects.requireNonNull(p, "p");
        return "otpauth://totp/" + encode(issuer) + ":" + encode(accountName)
                + "?secret=" + encode(base32Secret)
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + p.algorithm().uriName()
                + "&digits=" + p.codeLength()
                + "&period=" + p.timeStep().getSeconds();
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    // RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~"
    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
