package dev.assent.server.device;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * The proof of key possession a device sends to verify a new push factor: {@code AuthPayload} is
 * standard Base64 of a DER ECDSA-SHA256 signature over the UTF-8 bytes of the factor SID
 * (docs/push-protocol.md §3). There is no JWT and no timestamp here, so the proof is replayable for the same
 * factor; the caller only accepts it while the factor is unverified.
 */
public final class FactorProof {

    /** Longest accepted {@code AuthPayload}; a DER P-256 signature is at most 72 bytes, 96 in Base64. */
    public static final int MAX_LENGTH = 256;

    private FactorProof() {
    }

    /**
     * Whether {@code authPayload} is a valid signature of {@code factorSid} by {@code key}. Never
     * throws for bad input: malformed Base64 or DER, a wrong signature, a missing or oversized payload
     * are all {@code false}.
     */
    public static boolean verify(ECPublicKey key, String factorSid, String authPayload) {
        return verify(key, factorSid, authPayload, CryptoProviders.ecdsa());
    }

    /** As {@link #verify(ECPublicKey, String, String)} on a given provider; tests run both. */
    static boolean verify(ECPublicKey key, String factorSid, String authPayload, Provider provider) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(factorSid);
        if (authPayload == null || authPayload.isEmpty() || authPayload.length() > MAX_LENGTH) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(authPayload); // padding optional, alphabet strict
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] raw = Es256.derToRaw(der);
        return raw != null && Es256.verify(key, factorSid.getBytes(StandardCharsets.UTF_8), raw, provider);
    }
}
