package dev.assent.server.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key of the operator's keyring with its id; the id is written into every ciphertext the
 * key seals. Its {@code toString} shows the id only, never the key.
 */
public final class EncryptionKey {

    /** AES-256. */
    public static final int LENGTH = 32;
    /** Key ids: short, and free of the separators of the sealed form and of the key list. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final byte[] material;

    EncryptionKey(String id, byte[] material) {
        Objects.requireNonNull(id);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid encryption key id '" + id + "': 1 to 32 of A-Z a-z 0-9 _ -");
        }
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("encryption key " + id + " is " + material.length + " bytes, expected " + LENGTH
                    + " (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        this.id = id;
        this.material = material.clone();
    }

    /** A fresh key from the secure random source. */
    public static EncryptionKey generate(String id) {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new EncryptionKey(id, bytes);
    }

    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return new SecretKeySpec(material, "AES");
    }

    /** The key as the operator writes it ({@code id:base64}); for a key file only, never for logs. */
    String toEntry() {
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + id + ", redacted]";
    }
}
