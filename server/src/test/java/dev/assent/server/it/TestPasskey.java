package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software WebAuthn authenticator for the server's tests: a real P-256 (ES256) or RSA-2048 (RS256)
 * key pair, CBOR written by hand (RFC 8949 major types 0–5, the subset WebAuthn uses), {@code none}
 * or {@code packed} self attestation (or forged statements of other formats), and a signature
 * counter. Each knob lets a test play the attacker: another origin or relying party id, a
 * tampered signature, a counter going backwards, an attestation statement that does not verify.
 */
final class TestPasskey {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Alg { ES256, RS256 }

    final Alg alg;
    final KeyPair keys;
    final byte[] credentialId = new byte[32];
    String origin;
    String rpId;
    /** The counter the next assertion reports (then increments); 0 stays 0, as authenticators that do not count. */
    long counter;
    boolean userVerified = true;
    /**
     * The attestation statement's {@code fmt}: {@code none}, {@code packed} (self attestation), or one
     * this authenticator cannot truly make and so forges: {@code android-key}, {@code apple} (a
     * self-made certificate of the credential's own key, the statement signed where the format signs),
     * {@code tpm} (well-formed {@code pubArea} and {@code certInfo} of the credential's key, an AIK
     * certificate shaped as TPM attestation requires from a self-made CA, a signature of random
     * bytes), {@code android-safetynet} (a right payload, a random JWS signature); any other value
     * is sent with an empty statement.
     */
    String attestationFormat = "none";
    /** Flips a bit of the attestation statement's {@code sig} ({@code packed}). */
    boolean tamperAttestationSignature;
    /** The key type the forged {@code tpm} statement's {@code pubArea} claims; null: the credential's own. */
    Alg tpmPubAreaAlg;
    /** The user handle the registration stored (user.id's bytes). */
    byte[] userHandle;

    TestPasskey(Alg alg, String origin, String rpId) {
        this.alg = alg;
        this.origin = origin;
        this.rpId = rpId;
        RANDOM.nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(alg == Alg.ES256 ? "EC" : "RSA");
            if (alg == Alg.ES256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String id() {
        return URL.encodeToString(credentialId);
    }

    String hexId() {
        return HexFormat.of().formatHex(credentialId);
    }

    /** {@code navigator.credentials.create()}'s answer (toJSON) to the {@code options} of a factor creation. */
    ObjectNode create(JsonNode options) {
        JsonNode publicKey = options.get("publicKey");
        userHandle = Base64.getDecoder().decode(publicKey.get("user").get("id").asText()); // atob(), as Twilio's web SDK does
        byte[] clientData = clientData("webauthn.create", publicKey.get("challenge").asText());
        byte[] authData = authenticatorData(true);
        Map<Object, Object> statement = new LinkedHashMap<>();
        byte[] toBeSigned = concat(authData, sha256(clientData));
        switch (attestationFormat) {
            case "none" -> {
            }
            case "packed" -> {
                statement.put("alg", coseAlg());
                byte[] sig = sign(toBeSigned);
                if (tamperAttestationSignature) {
                    sig[sig.length - 1] ^= 0x01;
                }
                statement.put("sig", sig);
            }
            case "android-key" -> {
                statement.put("alg", coseAlg());
                statement.put("sig", sign(toBeSigned));
                statement.put("x5c", List.of(selfCertificate(keys)));
            }
            case "apple" -> statement.put("x5c", List.of(selfCertificate(keys)));
            case "android-safetynet" -> {
                statement.put("ver", "214815046");
                statement.put("response", safetyNetResponse(sha256(toBeSigned)));
            }
            case "tpm" -> {
                byte[] pubArea = tpmPubArea(tpmPubAreaAlg == null ? alg : tpmPubAreaAlg);
                statement.put("ver", "2.0");
                statement.put("alg", -257); // the AIK's algorithm (RS256), not the credential's
                statement.put("x5c", List.of(aikCertificate()));
                byte[] garbage = new byte[256];
                RANDOM.nextBytes(garbage);
                statement.put("sig", garbage);
                statement.put("certInfo", tpmCertInfo(sha256(toBeSigned), sha256(pubArea)));
                statement.put("pubArea", pubArea);
            }
            default -> {
            }
        }
        Map<Object, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", attestationFormat);
        attestation.put("attStmt", statement);
        attestation.put("authData", authData);
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", id());
        credential.put("rawId", id());
        credential.put("authenticatorAttachment", "platform");
        credential.put("type", "public-key");
        ObjectNode response = credential.putObject("response");
        response.put("attestationObject", URL.encodeToString(cbor(attestation)));
        response.put("clientDataJSON", URL.encodeToString(clientData));
        response.putArray("transports").add("internal");
        credential.putObject("clientExtensionResults");
        return credential;
    }

    /** {@code navigator.credentials.get()}'s answer (toJSON) to a challenge's {@code options}. */
    ObjectNode get(JsonNode options) {
        return get(options.get("publicKey").get("challenge").asText());
    }

    ObjectNode get(String challenge) {
        byte[] clientData = clientData("webauthn.get", challenge);
        byte[] authData = authenticatorData(false);
        byte[] signature = sign(concat(authData, sha256(clientData)));
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", id());
        credential.put("rawId", id());
        credential.put("authenticatorAttachment", "platform");
        credential.put("type", "public-key");
        ObjectNode response = credential.putObject("response");
        response.put("authenticatorData", URL.encodeToString(authData));
        response.put("clientDataJSON", URL.encodeToString(clientData));
        response.put("signature", URL.encodeToString(signature));
        response.put("userHandle", URL.encodeToString(userHandle));
        credential.putObject("clientExtensionResults");
        return credential;
    }

    private int coseAlg() {
        return alg == Alg.ES256 ? -7 : -257;
    }

    /** A self-signed X.509 certificate of {@code pair}'s public key, as anyone can make one. */
    private static byte[] selfCertificate(KeyPair pair) {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Not an attestation authority");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic());
            String algorithm = pair.getPublic() instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA";
            return builder.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An AIK certificate as TPM attestation requires one (§8.3.1): version 3, empty subject, the TPM
     * manufacturer, model and version in the subject alternative name, the tcg-kp-AIKCertificate
     * extended key usage, not a CA; issued by a self-made CA no one trusts.
     */
    private static byte[] aikCertificate() {
        try {
            KeyPair ca = PushTestKeys.rsaKeyPair();
            KeyPair aik = PushTestKeys.rsaKeyPair();
            Instant now = Instant.now();
            X500Name device = new X500Name(new RDN[] {
                    new RDN(new ASN1ObjectIdentifier("2.23.133.2.1"), new DERUTF8String("id:FFFFF1D0")),
                    new RDN(new ASN1ObjectIdentifier("2.23.133.2.2"), new DERUTF8String("FIDO Test TPM")),
                    new RDN(new ASN1ObjectIdentifier("2.23.133.2.3"), new DERUTF8String("id:F1D00002"))});
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Not a TPM vendor"),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(new RDN[0]), aik.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(device)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.getInstance(
                    new ASN1ObjectIdentifier("2.23.133.8.3"))));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A SafetyNet attestation JWS (compact serialisation) whose payload is right for this ceremony (the
     * nonce, a current {@code timestampMs}, {@code ctsProfileMatch}) and whose header carries a self-made
     * {@code attest.android.com} certificate, but whose signature is random bytes.
     */
    private static byte[] safetyNetResponse(byte[] nonce) {
        try {
            KeyPair signer = PushTestKeys.rsaKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=attest.android.com");
            byte[] certificate = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, signer.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())).getEncoded();
            ObjectNode header = JSON.createObjectNode().put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate));
            ObjectNode payload = JSON.createObjectNode().put("nonce", Base64.getEncoder().encodeToString(nonce))
                    .put("timestampMs", System.currentTimeMillis()).put("apkPackageName", "com.google.android.gms")
                    .put("apkDigestSha256", Base64.getEncoder().encodeToString(sha256(new byte[] {1})))
                    .put("ctsProfileMatch", true).put("basicIntegrity", true);
            payload.putArray("apkCertificateDigestSha256").add(Base64.getEncoder().encodeToString(sha256(new byte[] {2})));
            byte[] garbage = new byte[256];
            RANDOM.nextBytes(garbage);
            String jws = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                    + URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + URL.encodeToString(garbage);
            return jws.getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * TPMT_PUBLIC (TPM 2.0 part 2 §12.2.4) of a key of type {@code type}: this credential's key when the
     * types agree, else a fresh key of that type. nameAlg SHA-256, no auth policy, NULL symmetric and scheme.
     */
    private byte[] tpmPubArea(Alg type) {
        ByteBuffer out = ByteBuffer.allocate(1024);
        out.putShort((short) (type == Alg.RS256 ? 0x0001 : 0x0023)); // TPM_ALG_RSA, TPM_ALG_ECC
        out.putShort((short) 0x000B); // nameAlg TPM_ALG_SHA256
        out.putInt(0x00060472); // objectAttributes: fixedTPM, fixedParent, sensitiveDataOrigin, userWithAuth, noDA, sign
        out.putShort((short) 0); // authPolicy: empty
        out.putShort((short) 0x0010); // symmetric TPM_ALG_NULL
        out.putShort((short) 0x0010); // scheme TPM_ALG_NULL
        if (type == Alg.RS256) {
            RSAPublicKey pub = (RSAPublicKey) (alg == Alg.RS256 ? keys : PushTestKeys.rsaKeyPair()).getPublic();
            out.putShort((short) 2048); // keyBits
            out.putInt(0); // exponent: 0 means 65537
            out.putShort((short) 256);
            out.put(unsigned(pub.getModulus(), 256));
        } else {
            ECPublicKey pub;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                pub = (ECPublicKey) (alg == Alg.ES256 ? keys : generator.generateKeyPair()).getPublic();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            out.putShort((short) 0x0003); // curveID TPM_ECC_NIST_P256
            out.putShort((short) 0x0010); // kdf TPM_ALG_NULL
            out.putShort((short) 32);
            out.put(unsigned(pub.getW().getAffineX(), 32));
            out.putShort((short) 32);
            out.put(unsigned(pub.getW().getAffineY(), 32));
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** TPMS_ATTEST (TPM 2.0 part 2 §10.12.12) of type TPM_ST_ATTEST_CERTIFY: magic, extraData, the certified name. */
    private static byte[] tpmCertInfo(byte[] extraData, byte[] pubAreaDigest) {
        ByteBuffer out = ByteBuffer.allocate(256);
        out.putInt(0xff544347); // TPM_GENERATED_VALUE
        out.putShort((short) 0x8017); // TPM_ST_ATTEST_CERTIFY
        out.putShort((short) 0); // qualifiedSigner: empty
        out.putShort((short) extraData.length);
        out.put(extraData);
        out.putLong(1000L); // clockInfo.clock
        out.putInt(1); // resetCount
        out.putInt(1); // restartCount
        out.put((byte) 1); // safe
        out.putLong(1L); // firmwareVersion
        out.putShort((short) 34); // name: TPMT_HA (alg + SHA-256)
        out.putShort((short) 0x000B);
        out.put(pubAreaDigest);
        out.putShort((short) 34); // qualifiedName
        out.putShort((short) 0x000B);
        out.put(new byte[32]);
        return Arrays.copyOf(out.array(), out.position());
    }

    private byte[] clientData(String type, String challenge) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("challenge", challenge);
        node.put("origin", origin);
        node.put("crossOrigin", false);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] authenticatorData(boolean attested) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        int flags = 0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0);
        out.write(flags);
        long count = counter;
        if (counter != 0) {
            counter++;
        }
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
        if (attested) {
            out.writeBytes(new byte[16]); // AAGUID: none
            out.write(credentialId.length >> 8);
            out.write(credentialId.length & 0xff);
            out.writeBytes(credentialId);
            out.writeBytes(cbor(coseKey()));
        }
        return out.toByteArray();
    }

    private Map<Object, Object> coseKey() {
        Map<Object, Object> key = new LinkedHashMap<>();
        if (alg == Alg.ES256) {
            ECPublicKey pub = (ECPublicKey) keys.getPublic();
            key.put(1, 2);
            key.put(3, -7);
            key.put(-1, 1);
            key.put(-2, unsigned(pub.getW().getAffineX(), 32));
            key.put(-3, unsigned(pub.getW().getAffineY(), 32));
        } else {
            RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
            key.put(1, 3);
            key.put(3, -257);
            key.put(-1, unsigned(pub.getModulus(), 256));
            key.put(-2, unsigned(pub.getPublicExponent(), 3));
        }
        return key;
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(alg == Alg.ES256 ? "SHA256withECDSA" : "SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == length) {
            return bytes;
        }
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    /** CBOR of integers, byte strings, text strings, arrays and maps (insertion order): all WebAuthn needs here. */
    static byte[] cbor(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCbor(out, value);
        return out.toByteArray();
    }

    private static void writeCbor(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case Integer i when i >= 0 -> head(out, 0, i);
            case Integer i -> head(out, 1, -1L - i);
            case byte[] bytes -> {
                head(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
            case String text -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                head(out, 3, bytes.length);
                out.writeBytes(bytes);
            }
            case List<?> list -> {
                head(out, 4, list.size());
                list.forEach(item -> writeCbor(out, item));
            }
            case Map<?, ?> map -> {
                head(out, 5, map.size());
                map.forEach((k, v) -> {
                    writeCbor(out, k);
                    writeCbor(out, v);
                });
            }
            default -> throw new IllegalArgumentException("no CBOR for " + value.getClass());
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument < 0x100) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(type | 25);
            out.write((int) (argument >> 8));
            out.write((int) argument & 0xff);
        } else {
            out.write(type | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
        }
    }
}
