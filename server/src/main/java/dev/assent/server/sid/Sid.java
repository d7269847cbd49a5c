package dev.assent.server.sid;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Twilio-style resource identifier: a two-letter prefix naming the resource type followed by
 * 32 lowercase hexadecimal digits, 34 characters in all (for example {@code YC0123…}).
 *
 * <p>New SIDs take their 128 random bits from {@link SecureRandom}, so they are unguessable.
 */
public record Sid(SidType type, String value) {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
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

    /** Whether {@code candidate} is a well-formed SID of this type (prefix, then 32 hex digits). */
    public static boolean matches(SidType type, String candidate) {
        return candidate != null
                && candidate.length() == 34
                && candidate.startsWith(type.prefix())
                && HEX32.matcher(candidate).region(2, 34).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
