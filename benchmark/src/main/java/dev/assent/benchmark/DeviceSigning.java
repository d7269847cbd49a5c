package dev.assent.benchmark;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * P-256 signing as the simulated devices do it, in the client half of the benchmark.
 *
 * <p>The clients share the machine's cores with the server, so every microsecond spent signing is
 * taken from the server. They therefore sign with the fastest provider available (ACCP when its
 * native library loads, else the JDK's SunEC), whatever provider the server is told to verify with:
 * {@code --provider} then changes only the server's cost.
 *
 * <p>One instance per client thread: a JCA {@link Signature} is not thread-safe.
 */
final class DeviceSigning {

    private static final Provider PROVIDER = fastestProvider();

    private final Signature der;
    /** Raw r||s (JWS) output when the provider offers it; otherwise DER is transcoded. */
    private final Signature raw;

    DeviceSigning() {
        try {
            der = signature("SHA256withECDSA");
            raw = rawSignature();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ECDSA signer", e);
        }
    }

    /** The provider's name and version, for the report header. */
    static String providerName() {
        return PROVIDER == null ? "SunEC (JDK default)" : PROVIDER.getName() + " " + PROVIDER.getVersionStr();
    }

    /** A fresh P-256 key pair, made by the provider that will sign with it. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = PROVIDER == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER ECDSA-SHA256, the factor-verification proof format (docs/push-protocol.md §3). */
    byte[] signDer(PrivateKey key, byte[] message) {
        try {
            der.initSign(key);
            der.update(message);
            return der.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raw 64-byte r||s ECDSA-SHA256, the JWS ES256 format (docs/push-protocol.md §4). */
    byte[] signRaw(PrivateKey key, byte[] message) {
        if (raw == null) {
            try {
                return ECDSA.transcodeSignatureToConcat(signDer(key, message), 64);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            raw.initSign(key);
            raw.update(message);
            return raw.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return PROVIDER == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, PROVIDER);
    }

    private static Signature rawSignature() {
        try {
            return signature("SHA256withECDSAinP1363Format");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static Provider fastestProvider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() == null) {
                accp.assertHealthy();
                return accp;
            }
        } catch (LinkageError | RuntimeException e) {
            // No native library for this platform: SunEC is slower but correct.
        }
        return null;
    }
}
