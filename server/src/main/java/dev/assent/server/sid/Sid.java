package dev.assent.server.sid;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Twilio-style resource identifier: a two-letter prefix naming the resource type followed by
 * 32 lowercase hexadecimal digits, 34 characters in all (for example {@code YC0123…}).
 *
 * <p>New SIDs take their 128 random bits from {@link SecureRandom}, so they are unguessable.
 */
public record Sid(SidType type, String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public Sid {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!matches(type, value)) {
            throw new IllegalArgumentException("not a " + type.prefix() + " SID: " + value);
        }
    }

    /** Generates a fresh SID of the given type from the secure random source. */
    public static Sid generate(SidType type) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new Sid(type, type.prefix() + HEX.formatHex(bytes));
    }

    /**
     * Whether {@code candidate} is a well-formed SID of this type (prefix, then 32 hex digits, either
     * case). A loop over 32 characters, not a regular expression: every SID of every row mapped is
     * checked here (the profile of a device fetch had {@code java.util.regex} at 15 % of its samples).
     */
    public static boolean matches(SidType type, String candidate) {
        if (candidate == null || candidate.length() != 34 || !candidate.startsWith(type.prefix())) {
            return false;
        }
        for (int i = 2; i < 34; i++) {
            char c = candidate.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
