package dev.assent.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A device's P-256 key pair and the two ECDSA-SHA256 signatures the protocol needs: DER for the factor
 * proof (docs/push-protocol.md §3) and the raw 64-byte {@code r||s} of JWS ES256 for device JWTs and
 * challenge answers (§4, §6.2).
 *
 * <p>Signs through the JCA ({@code SHA256withECDSA}, {@code SHA256withECDSAinP1363Format}) with the JDK's
 * default provider, or with one given at {@link #generate(Provider)} (the benchmark signs with ACCP so that
 * its clients take as little CPU as possible from the server). Each thread signs with its own
 * {@link Signature} objects, so an instance is safe to share between threads. Immutable;
 * {@link #toString()} never shows the private key.
 */
public final class DeviceKey {

    private static final int P256_BITS = 256;
    /** Per thread and algorithm, the last {@link Signature} made (a JCA Signature is not thread-safe). */
    private static final ThreadLocal<Map<String, Cached>> SIGNATURES = ThreadLocal.withInitial(HashMap::new);
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    /** {@code null}: the JDK's provider order. */
    private final Provider provider;

    private DeviceKey(ECPrivateKey privateKey, ECPublicKey publicKey, Provider provider) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.provider = provider;
    }

    /** A fresh key pair on secp256r1, as the SDKs make one per factor. */
    public static DeviceKey generate() {
        return generate(null);
    }

    /**
     * A fresh key pair made by {@code provider}, which then also signs with it.
     *
     * @param provider a JCA provider offering EC key generation and both ECDSA forms; {@code null} for the JDK's
     */
    public static DeviceKey generate(Provider provider) {
        try {
            KeyPairGenerator generator = provider == null ? KeyPairGenerator.getInstance("EC")
                    : KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new DeviceKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic(), provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate P-256 keys", e);
        }
    }

    /**
     * The key pair a device stored: base64 X.509 SubjectPublicKeyInfo DER and base64 PKCS#8 DER, checked to
     * be a matching P-256 pair.
     *
     * @throws IllegalArgumentException naming the problem (never the key) when they are not
     */
    public static DeviceKey decode(String publicKeyBase64, String privateKeyBase64) {
        ECPrivateKey privateKey;
        ECPublicKey publicKey;
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(base64(privateKeyBase64, "private_key")));
            publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(base64(publicKeyBase64, "public_key")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("private_key/public_key are not an EC key pair");
        }
        if (privateKey.getParams().getCurve().getField().getFieldSize() != P256_BITS
                || publicKey.getParams().getCurve().getField().getFieldSize() != P256_BITS) {
            throw new IllegalArgumentException("the key is not on P-256");
        }
        DeviceKey key = new DeviceKey(privateKey, publicKey, null);
        if (!key.matches()) {
            throw new IllegalArgumentException("private_key and public_key do not belong together");
        }
        return key;
    }

    private static byte[] base64(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }

    /** The JCA key pair, e.g. to build a second device holding the same key. */
    public KeyPair keyPair() {
        return new KeyPair(publicKey, privateKey);
    }

    /** {@code Binding.PublicKey}: base64 (standard, padded) of the X.509 SubjectPublicKeyInfo DER (§2.1). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Base64 PKCS#8 DER of the private key, for a device's own storage only. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** ECDSA-SHA256 over {@code message}, DER-encoded (the factor proof, §3). */
    public byte[] signDer(byte[] message) {
        return sign(privateKey, provider, "SHA256withECDSA", message);
    }

    /** ECDSA-SHA256 over {@code message}, as the 64-byte raw {@code r||s} of JWS ES256 (§4). */
    public byte[] signRaw(byte[] message) {
        return signRaw(privateKey, provider, message);
    }

    static byte[] signRaw(PrivateKey key, Provider provider, byte[] message) {
        return sign(key, provider, "SHA256withECDSAinP1363Format", message);
    }

    private static byte[] sign(PrivateKey key, Provider provider, String algorithm, byte[] message) {
        try {
            Signature signature = signature(provider, algorithm);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
    }

    /**
     * This thread's {@link Signature} for {@code algorithm} on {@code provider}, made once per thread: creating
     * one costs a good part of a signature (about 20 µs next to 130–230 µs for ACCP's signing, measured on the
     * loaded 2-core box), which the benchmark's clients would otherwise take from the server's cores.
     */
    private static Signature signature(Provider provider, String algorithm) throws GeneralSecurityException {
        Map<String, Cached> mine = SIGNATURES.get();
        Cached cached = mine.get(algorithm);
        if (cached == null || cached.requested() != provider) {
            Signature fresh = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
            cached = new Cached(provider, fresh);
            mine.put(algorithm, cached);
        }
        return cached.signature();
    }

    /** A thread's {@link Signature} for one algorithm, with the provider it was asked of ({@code null}: the JDK's). */
    private record Cached(Provider requested, Signature signature) {
    }

    private boolean matches() {
        byte[] probe = "assent-device key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signDer(probe));
        } catch (GeneralSecurityException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "DeviceKey[P-256, private key redacted]";
    }
}
