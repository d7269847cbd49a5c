package dev.assent.server.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;

/**
 * ES256 (ECDSA P-256 / SHA-256) verification of raw {@code r || s} signatures through nimbus with an
 * explicit provider, plus the strict DER decoding the factor proof needs (docs/push-protocol.md §3, §4).
 */
final class Es256 {

    /** Raw JWS ES256 signature: r and s, 32 bytes each. */
    static final int SIGNATURE_LENGTH = 64;
    private static final int SCALAR_LENGTH = SIGNATURE_LENGTH / 2;

    // nimbus only reads alg (and crit) from the header; callers have already checked the real header.
    private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

    private Es256() {
    }

    /**
     * Whether {@code signature} (raw r||s) is a valid ES256 signature of exactly {@code message} by
     * {@code key}. Any failure, including a key not on P-256 or a provider error, is {@code false}.
     */
    static boolean verify(ECPublicKey key, byte[] message, byte[] signature, Provider provider) {
        // A 63-byte signature from iOS's transcoding quirk (§4) fails here, as with any strict verifier.
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            // A verifier per call: cheap next to the ECDSA itself, and JCAContext is mutable, so sharing one
            // across threads would not be safe.
            ECDSAVerifier verifier = new ECDSAVerifier(key);
            verifier.getJCAContext().setProvider(provider);
            return verifier.verify(ES256, message, Base64URL.encode(signature));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The raw r||s form of a strictly DER-encoded ECDSA signature
     * ({@code SEQUENCE { INTEGER r, INTEGER s }}, minimal lengths and integers, nothing trailing), or
     * {@code null} if {@code der} is anything else. Parsing it ourselves keeps the accepted encodings
     * identical whichever provider verifies (BouncyCastle, ACCP and SunEC are not equally lenient).
     */
    static byte[] derToRaw(byte[] der) {
        // Largest is 72 bytes (both integers 33 bytes), so every length fits the short form.
        if (der.length < 8 || der.length > 2 + 2 * (2 + SCALAR_LENGTH + 1) || der[0] != 0x30 || der[1] != der.length - 2) {
            return null;
        }
        byte[] raw = new byte[SIGNATURE_LENGTH];
        int next = readInteger(der, 2, raw, 0);
        if (next < 0) {
            return null;
        }
        next = readInteger(der, next, raw, SCALAR_LENGTH);
        return next == der.length ? raw : null;
    }

    /** Copies one DER INTEGER at {@code offset} into a 32-byte slot; returns the offset after it, or -1. */
    private static int readInteger(byte[] der, int offset, byte[] raw, int slot) {
        if (offset + 2 > der.length || der[offset] != 0x02) {
            return -1;
        }
        int length = der[offset + 1];
        int start = offset + 2;
        if (length < 1 || length > SCALAR_LENGTH + 1 || start + length > der.length) {
            return -1;
        }
        if ((der[start] & 0x80) != 0) {
            return -1; // negative
        }
        if (der[start] == 0 && length > 1 && (der[start + 1] & 0x80) == 0) {
            return -1; // non-minimal: a leading zero byte that is not needed for the sign
        }
        int skip = der[start] == 0 ? 1 : 0;
        int significant = length - skip;
        if (significant > SCALAR_LENGTH) {
            return -1;
        }
        System.arraycopy(der, start + skip, raw, slot + SCALAR_LENGTH - significant, significant);
        return start + length;
    }
}
