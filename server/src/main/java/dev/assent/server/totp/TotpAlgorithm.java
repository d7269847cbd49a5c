package dev.assent.server.totp;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/**
 * The HMAC hash functions a TOTP factor may use, as allowed by
 * <a href="https://www.rfc-editor.org/rfc/rfc6238#section-1.2">RFC 6238 §1.2</a>.
 *
 * <p>Each constant knows its three spellings: Twilio's lowercase wire value ({@code sha1}), the
 * uppercase otpauth URI value ({@code SHA1}) and the JCA MAC name ({@code HmacSHA1}).
 */
public enum TotpAlgorithm implements WireValue {
    SHA1("sha1", "SHA1", "HmacSHA1", 20),
    SHA256("sha256", "SHA256", "HmacSHA256", 32),
    SHA512("sha512", "SHA512", "HmacSHA512", 64);

    private final String wireName;
    private final String uriName;
    private final String macAlgorithm;
    private final int recommendedSecretBytes;

    TotpAlgorithm(String wireName, String uriName, String macAlgorithm, int recommendedSecretBytes) {
        this.wireName = wireName;
        this.uriName = uriName;
        this.macAlgorithm = macAlgorithm;
        this.recommendedSecretBytes = recommendedSecretBytes;
    }

    /** The value Twilio's API accepts and returns, e.g. {@code sha256}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** The value of the {@code algorithm} parameter in an otpauth URI, e.g. {@code SHA256}. */
    public String uriName() {
        return uriName;
    }

    /** The JCA {@link javax.crypto.Mac} algorithm name, e.g. {@code HmacSHA256}. */
    public String macAlgorithm() {
        return macAlgorithm;
    }

    /**
     * Secret size in bytes: the hash's output length, which RFC 2104 §3 recommends as the key
     * length (shorter keys weaken the MAC; longer ones add nothing).
     */
    public int recommendedSecretBytes() {
        return recommendedSecretBytes;
    }

    /**
     * Parses Twilio's wire value. Only the exact lowercase spelling matches, as Twilio documents
     * it; anything else (including {@code null} and {@code SHA1}) is empty.
     */
    public static Optional<TotpAlgorithm> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
