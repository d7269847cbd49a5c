package dev.assent.server.tls;

import io.helidon.common.tls.Tls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A certificate chain and its private key, read from PEM files and checked to belong together.
 *
 * @param chain       the certificates, leaf first
 * @param key         the leaf's private key
 * @param certBytes   the certificate file as read, to tell a changed file from an unchanged one
 * @param keyBytes    the key file as read
 */
public record TlsCredentials(List<X509Certificate> chain, PrivateKey key, byte[] certBytes, byte[] keyBytes) {

    /** Larger than any real chain or key file; a bigger file is refused unread. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    public TlsCredentials {
        chain = List.copyOf(chain);
    }

    /**
     * Reads and checks the files of {@code settings}, which must have TLS enabled.
     *
     * @throws IllegalArgumentException naming the variable of the file that is unreadable, holds no
     *                                  certificate or key, holds an encrypted key, or whose key does not
     *                                  match the certificate
     */
    public static TlsCredentials load(TlsSettings settings) {
        Path certPath = settings.certificate().orElseThrow(() -> new IllegalStateException("TLS is not configured"));
        Path keyPath = settings.privateKey().orElseThrow();
        return parse(certPath, read(TlsSettings.CERT_VARIABLE, certPath), keyPath, read(TlsSettings.KEY_VARIABLE, keyPath));
    }

    /** The two files as they are now, for a cheap comparison with what was loaded. */
    static byte[][] readBoth(TlsSettings settings) {
        return new byte[][] {read(TlsSettings.CERT_VARIABLE, settings.certificate().orElseThrow()),
            read(TlsSettings.KEY_VARIABLE, settings.privateKey().orElseThrow())};
    }

    static TlsCredentials parse(Path certPath, byte[] certBytes, Path keyPath, byte[] keyBytes) {
        List<X509Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(certBytes)).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(TlsSettings.CERT_VARIABLE + ": " + certPath + " is not a PEM certificate chain ("
                    + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(TlsSettings.CERT_VARIABLE + ": " + certPath + " holds no PEM certificate");
        }
        PrivateKey key = privateKey(keyPath, keyBytes);
        if (!matches(key, chain.get(0))) {
            throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": the private key in " + keyPath
                    + " does not match the certificate in " + TlsSettings.CERT_VARIABLE + " (" + certPath + ", "
                    + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        return new TlsCredentials(chain, key, certBytes, keyBytes);
    }

    /** The listener configuration of these credentials: TLS 1.2 and 1.3 with the JDK's defaults. */
    public Tls tls() {
        return Tls.builder().privateKey(key).privateKeyCertChain(chain).build();
    }

    /** The leaf certificate's subject and expiry, for the start log line. */
    public String describe() {
        X509Certificate leaf = chain.get(0);
        return leaf.getSubjectX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant();
    }

    boolean sameFiles(byte[][] files) {
        return Arrays.equals(certBytes, files[0]) && Arrays.equals(keyBytes, files[1]);
    }

    private static byte[] read(String variable, Path path) {
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(variable + ": " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path path, byte[] bytes) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            do {
                object = parser.readObject();
                // An EC key file from openssl starts with its curve's parameters; the key follows.
            } while (object != null && !(object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
                    || object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo));
        } catch (IOException | RuntimeException e) {
            // The message never holds key material: the parser names the PEM block or the ASN.1 problem.
            throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": " + path + " is not a PEM private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": " + path
                    + " is encrypted; give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt) and protect the file instead");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": " + path + " holds a key that cannot be used (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": " + path
                + " holds no PEM private key (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }

    /** Whether {@code key} signs what the certificate's public key verifies: works for RSA, EC and EdDSA alike. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm().equals("EdDSA") ? "Ed25519" : key.getAlgorithm();
            default -> throw new IllegalArgumentException(TlsSettings.KEY_VARIABLE + ": keys of type " + key.getAlgorithm()
                    + " are not supported (RSA, EC or Ed25519)");
        };
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key of one type and a certificate of another.
            return false;
        }
    }
}
