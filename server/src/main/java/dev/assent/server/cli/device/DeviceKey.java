package dev.assent.server.cli.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The device's P-256 key pair and the two signatures the protocol needs: DER ECDSA-SHA256 for the
 * factor proof (docs/push-protocol.md §3) and raw {@code r||s} ES256 for JWTs and answers (§4, §6.2).
 * Uses the JDK's own provider: a device signs a few times per command, speed does not matter here.
 */
final class DeviceKey {

    private static final int P256_BITS = 256;
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private DeviceKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair on secp256r1, as the SDKs make one per factor. */
    static DeviceKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new DeviceKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * The key pair stored in a device state.
     *
     * @throws IllegalArgumentException naming the problem (never the key) when the keys are not a
     *     matching P-256 pair
     */
    static DeviceKey of(DeviceState state) {
        ECPrivateKey privateKey;
        ECPublicKey publicKey;
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(decode(state.privateKey(), "private_key")));
            publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(decode(state.publicKey(), "public_key")));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("private_key/public_key are not an EC key pair");
        }
        if (privateKey.getParams().getCurve().getField().getFieldSize() != P256_BITS
                || publicKey.getParams().getCurve().getField().getFieldSize() != P256_BITS) {
            throw new IllegalArgumentException("the key is not on P-256");
        }
        DeviceKey key = new DeviceKey(privateKey, publicKey);
        if (!key.matches()) {
            throw new IllegalArgumentException("private_key and public_key do not belong together");
        }
        return key;
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }

    /** {@code Binding.PublicKey}: base64 (standard, padded) of the X.509 SubjectPublicKeyInfo DER. */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Base64 PKCS#8 DER of the private key, for the state file only. */
    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** ECDSA-SHA256 over {@code message}, DER-encoded (the factor proof, §3). */
    byte[] signDer(byte[] message) {
        return sign("SHA256withECDSA", message);
    }

    /** ECDSA-SHA256 over {@code message}, as the 64-byte raw {@code r||s} of JWS ES256 (§4). */
    byte[] signRaw(byte[] message) {
        return sign("SHA256withECDSAinP1363Format", message);
    }

    private byte[] sign(String algorithm, byte[] message) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing failed", e);
        }
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
