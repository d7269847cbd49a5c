package dev.assent.server.accesstoken;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 key that signs enrollment access tokens: 32 random bytes shared by every node through the
 * database. Its {@code toString} is redacted so that it never reaches a log.
 */
public final class EnrollmentSigningKey {

    /** The key's name in the database. A new format or a rotation would take a new name. */
    public static final String NAME = "enrollment-token-hs256-v1";
    /** HS256 needs a key of at least the hash size (RFC 7518 §3.2). */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private EnrollmentSigningKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an enrollment signing key is " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A fresh key from the secure random source. */
    public static EnrollmentSigningKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new EnrollmentSigningKey(bytes);
    }

    /** The key as stored: standard base64. */
    public static EnrollmentSigningKey fromBase64(String stored) {
        return new EnrollmentSigningKey(Base64.getDecoder().decode(stored));
    }

    /** The stored form; for the database only, never for logs. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "EnrollmentSigningKey[redacted]";
    }
}
