package dev.assent.server.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An API key's secret: 32 characters from {@code [A-Za-z0-9]} (Twilio's shape), about 190 random bits
 * from {@link SecureRandom}. Only its SHA-256 is stored (docs/decisions.md, "Secrets: API keys"); its
 * {@code toString} is redacted so that it never reaches a log.
 */
public final class ApiKeySecret {

    /** Characters in a secret, as Twilio issues them. */
    public static final int LENGTH = 32;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ApiKeySecret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** A fresh secret from the secure random source. */
    public static ApiKeySecret generate() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new ApiKeySecret(out.toString());
    }

    /** The secret itself, to show its creator once; never for logs or storage. */
    public String reveal() {
        return value;
    }

    /** What is stored: SHA-256 of the secret's UTF-8 bytes. */
    public byte[] hash() {
        return hash(value);
    }

    /** SHA-256 of a presented secret, to compare with a stored hash. */
    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeySecret[redacted]";
    }
}
