package dev.assent.server.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage with AES-256-GCM under the active key of the keyring, and opens what any
 * key of the keyring sealed. The sealed form is text: {@code $v1$<key id>$<base64(nonce ‖ ciphertext ‖ tag)>}.
 * The associated data (the row the secret belongs to, e.g. {@code accounts.auth_token:AC…}) and the
 * header are authenticated, so a ciphertext copied into another row, or relabelled with another key
 * id, does not open.
 *
 * <p>A {@code $} never begins a plaintext secret Assent stores (hex auth tokens, base32 seeds, JSON
 * documents, base64 keys, JWTs), which is how {@link #isSealed} tells an old plaintext row apart.
 */
public final class SecretSealer {

    static final String PREFIX = "$v1$";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EncryptionKeys keys;

    public SecretSealer(EncryptionKeys keys) {
        Objects.requireNonNull(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no encryption keys: set " + EncryptionKeys.KEYS_VARIABLE + " (id:base64key,…, "
                    + "the first is active) or " + EncryptionKeys.FILE_VARIABLE);
        }
        this.keys = keys;
    }

    /** Whether a stored value is in the sealed form (rather than a plaintext row of an older Assent). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX) && stored.indexOf('$', PREFIX.length()) > PREFIX.length();
    }

    /** The id of the key that sealed a stored value; empty for plaintext. */
    public static Optional<String> keyId(String stored) {
        if (!isSealed(stored)) {
            return Optional.empty();
        }
        return Optional.of(stored.substring(PREFIX.length(), stored.indexOf('$', PREFIX.length())));
    }

    public String activeKeyId() {
        return keys.active().id();
    }

    public EncryptionKeys keys() {
        return keys;
    }

    /** Seals {@code plaintext} under the active key, bound to {@code associatedData}. */
    public String seal(String plaintext, String associatedData) {
        Objects.requireNonNull(plaintext);
        EncryptionKey key = keys.active();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(key.id(), associatedData));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + key.id() + "$" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-256-GCM is available in every JDK", e);
        }
    }

    /**
     * Opens a sealed value; throws {@link UnsealableSecretException} when it is not sealed, its key is
     * not in the keyring, or it fails authentication (another key, another row, altered).
     */
    public String open(String sealed, String associatedData) {
        String id = keyId(sealed).orElseThrow(() -> new UnsealableSecretException("not a sealed secret (" + associatedData + ")"));
        EncryptionKey key = keys.find(id).orElseThrow(() -> new UnsealableSecretException(
                "secret " + associatedData + " is sealed with key " + id + ", which the encryption keys " + keys.ids() + " lack"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length() + id.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new UnsealableSecretException("secret " + associatedData + " is damaged");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnsealableSecretException("secret " + associatedData + " is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(id, associatedData));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnsealableSecretException("secret " + associatedData + " does not open with key " + id
                    + ": another key of that id, another row's value, or altered");
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-256-GCM is available in every JDK", e);
        }
    }

    /** The header is authenticated with the row, so relabelling a ciphertext with another key id fails too. */
    private static byte[] aad(String keyId, String associatedData) {
        return (PREFIX + keyId + "$" + Objects.requireNonNull(associatedData)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretSealer" + keys.ids();
    }
}
