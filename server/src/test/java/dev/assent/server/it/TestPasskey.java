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
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A software WebAuthn authenticator for the server's tests: a real P-256 (ES256) or RSA-2048 (RS256)
 * key pair, CBOR written by hand (RFC 8949 major types 0–5, the subset WebAuthn uses), {@code none}
 * or {@code packed} self attestation, and a signature counter. Each knob lets a test play the
 * attacker: another origin or relying party id, a tampered signature, a counter going backwards.
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
    String attestationFormat = "none";
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
        if (attestationFormat.equals("packed")) {
            statement.put("alg", alg == Alg.ES256 ? -7 : -257);
            statement.put("sig", sign(concat(authData, sha256(clientData))));
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

    /** CBOR of integers, byte strings, text strings and maps (insertion order): all WebAuthn needs here. */
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
