package dev.assent.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An account's auth token: a secret whose {@code toString} is redacted so that it never reaches a
 * log by accident. Comparison runs in constant time.
 */
public final class AuthToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    public AuthToken(String value) {
        Objects.requireNonNull(value);
        if (value.length() < 16 || value.length() > 128 || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("an auth token is 16 to 128 printable ASCII characters");
        }
        this.value = value;
    }

    /** A new token: 128 bits from the secure random source, as 32 lowercase hex digits (Twilio's shape). */
    public static AuthToken generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new AuthToken(HexFormat.of().formatHex(bytes));
    }

    /** The secret itself, for storage and for signing; never for logging. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison, so response timing does not leak how many leading characters matched. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthToken token && matches(token.value);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "AuthToken[redacted]";
    }
}
