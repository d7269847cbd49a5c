package dev.assent.device.passkey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One discoverable credential (a passkey) as this authenticator stores it (WebAuthn §6.4 "public key credential
 * source" plus its signature counter). Immutable: an assertion replaces it with {@link #withSignCount(long)}.
 *
 * @param credentialId    the credential id the RP stores (32 random bytes here)
 * @param rpId            the RP id it is scoped to
 * @param userHandle      the RP's {@code user.id}, returned as {@code userHandle} in assertions
 * @param userName        the RP's {@code user.name} (for people; never checked)
 * @param privateKeyPkcs8 the private key (P-256 for ES256, RSA for RS256), PKCS#8 DER
 * @param publicKeyX509   the matching public key, X.509 SubjectPublicKeyInfo DER
 * @param signCount       the counter last signed (0 after registration)
 * @param attachment      {@code platform} or {@code cross-platform}, as reported in the credential JSON
 * @param createdAt       when it was made
 * @param algorithm       the COSE algorithm it signs with: {@link SoftwareAuthenticator#COSE_ES256} or
 *                        {@link SoftwareAuthenticator#COSE_RS256}
 */
public record PasskeyCredential(byte[] credentialId, String rpId, byte[] userHandle, String userName,
                                byte[] privateKeyPkcs8, byte[] publicKeyX509, long signCount, String attachment,
                                Instant createdAt, int algorithm) {

    /** The largest counter the 32-bit field of authenticator data holds. */
    static final long MAX_SIGN_COUNT = 0xFFFF_FFFFL;

    public PasskeyCredential {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(createdAt, "createdAt");
        credentialId = Objects.requireNonNull(credentialId, "credentialId").clone();
        userHandle = Objects.requireNonNull(userHandle, "userHandle").clone();
        privateKeyPkcs8 = Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8").clone();
        publicKeyX509 = Objects.requireNonNull(publicKeyX509, "publicKeyX509").clone();
        if (credentialId.length == 0 || credentialId.length > 1023) {
            throw new IllegalArgumentException("a credential id has 1 to 1023 bytes, not " + credentialId.length);
        }
        if (userHandle.length == 0 || userHandle.length > 64) {
            throw new IllegalArgumentException("a user handle has 1 to 64 bytes, not " + userHandle.length);
        }
        if (signCount < 0 || signCount > MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("signCount out of range: " + signCount);
        }
        if (algorithm != SoftwareAuthenticator.COSE_ES256 && algorithm != SoftwareAuthenticator.COSE_RS256) {
            throw new IllegalArgumentException("algorithm must be ES256 (-7) or RS256 (-257), not " + algorithm);
        }
    }

    /** An ES256 credential (the one algorithm before RS256 was added). */
    public PasskeyCredential(byte[] credentialId, String rpId, byte[] userHandle, String userName, byte[] privateKeyPkcs8,
                             byte[] publicKeyX509, long signCount, String attachment, Instant createdAt) {
        this(credentialId, rpId, userHandle, userName, privateKeyPkcs8, publicKeyX509, signCount, attachment, createdAt,
                SoftwareAuthenticator.COSE_ES256);
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] userHandle() {
        return userHandle.clone();
    }

    @Override
    public byte[] privateKeyPkcs8() {
        return privateKeyPkcs8.clone();
    }

    @Override
    public byte[] publicKeyX509() {
        return publicKeyX509.clone();
    }

    /** The credential id as {@code id}/{@code rawId} carry it: base64url, no padding. */
    public String id() {
        return WebAuthnEncoding.base64Url(credentialId);
    }

    /** The user handle as {@code userHandle} carries it: base64url, no padding. */
    public String userHandleBase64Url() {
        return WebAuthnEncoding.base64Url(userHandle);
    }

    /** The same credential having signed with {@code count}. */
    public PasskeyCredential withSignCount(long count) {
        return new PasskeyCredential(credentialId, rpId, userHandle, userName, privateKeyPkcs8, publicKeyX509, count,
                attachment, createdAt, algorithm);
    }

    /** Whether this credential has the id {@code id} (not secret: credential ids are public). */
    boolean hasId(byte[] id) {
        return Arrays.equals(credentialId, id);
    }

    /** {@code EC} for ES256, {@code RSA} for RS256: the JCA key algorithm of the stored keys. */
    String keyAlgorithm() {
        return algorithm == SoftwareAuthenticator.COSE_ES256 ? "EC" : "RSA";
    }

    PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance(keyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(privateKeyPkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored private key is not an " + keyAlgorithm() + " key", e);
        }
    }

    /** The public key ({@code ECPublicKey} or {@code RSAPublicKey}); for EC the JCA checks it is on the curve. */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance(keyAlgorithm()).generatePublic(new X509EncodedKeySpec(publicKeyX509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored public key is not an " + keyAlgorithm() + " key", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasskeyCredential that && Arrays.equals(credentialId, that.credentialId)
                && rpId.equals(that.rpId) && Arrays.equals(userHandle, that.userHandle)
                && Objects.equals(userName, that.userName) && Arrays.equals(privateKeyPkcs8, that.privateKeyPkcs8)
                && Arrays.equals(publicKeyX509, that.publicKeyX509) && signCount == that.signCount
                && attachment.equals(that.attachment) && createdAt.equals(that.createdAt) && algorithm == that.algorithm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(credentialId), rpId, signCount);
    }

    @Override
    public String toString() {
        return "PasskeyCredential[id=" + id() + ", rpId=" + rpId + ", userName=" + userName + ", signCount=" + signCount
                + ", algorithm=" + algorithm + ", private key redacted]";
    }
}
