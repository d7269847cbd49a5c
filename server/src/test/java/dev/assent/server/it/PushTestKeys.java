package dev.assent.server.it;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key material generated at test time: TLS certificates for loopback peers, a .p8, a service account. */
final class PushTestKeys {

    private PushTestKeys() {
    }

    /** A self-signed certificate for localhost and 127.0.0.1 with its key. */
    record SelfSigned(X509Certificate certificate, PrivateKey privateKey) {
        String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        String privateKeyPem() {
            return pem("PRIVATE KEY", privateKey.getEncoded());
        }
    }

    static SelfSigned selfSigned(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new SelfSigned(certificate, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An APNs-style .p8 signing key: a P-256 private key, PKCS#8 PEM. */
    static String p8SigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Google service-account JSON document whose token endpoint is {@code tokenUri}. */
    static String serviceAccountJson(KeyPair keys, String projectId, String tokenUri) {
        String key = pem("PRIVATE KEY", keys.getPrivate().getEncoded()).replace("\n", "\\n");
        return "{\"type\":\"service_account\",\"project_id\":\"" + projectId + "\",\"private_key_id\":\"k1\","
                + "\"private_key\":\"" + key + "\",\"client_email\":\"assent@" + projectId + ".iam.gserviceaccount.com\","
                + "\"token_uri\":\"" + tokenUri + "\"}";
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
