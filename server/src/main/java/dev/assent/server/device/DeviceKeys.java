package dev.assent.server.device;

import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Device public keys: the {@code Binding.PublicKey} a device sends at enrollment, standard Base64 of
 * the DER X.509 SubjectPublicKeyInfo of a P-256 key (docs/push-protocol.md §2.1).
 *
 * <p>Only the form both SDKs produce is accepted: a named-curve {@code prime256v1} key with an
 * uncompressed point, i.e. the fixed 26-byte header followed by {@code 04 || x || y} (91 bytes). That
 * single canonical encoding means {@code encode(parsePublicKey(s))} gives back {@code s} (modulo
 * padding) and keeps the ASN.1 surface minimal. The point is checked to lie on the curve explicitly,
 * whatever the provider's key factory does, because an off-curve point is the classic invalid-curve
 * attack on ECDSA/ECDH implementations.
 */
public final class DeviceKeys {

    /** Longest accepted {@code Binding.PublicKey}; the real one is 124 characters. */
    public static final int MAX_ENCODED_LENGTH = 1024;

    /** SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes, 0 unused bits) }. */
    private static final byte[] SPKI_HEADER =
            HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
    private static final int COORDINATE_LENGTH = 32;
    private static final int SPKI_LENGTH = SPKI_HEADER.length + 1 + 2 * COORDINATE_LENGTH;
    private static final ASN1ObjectIdentifier EC_PUBLIC_KEY = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    private static final ASN1ObjectIdentifier PRIME256V1 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");

    static final ECParameterSpec P256 = Curve.P_256.toECParameterSpec();
    private static final BigInteger P = ((ECFieldFp) P256.getCurve().getField()).getP();

    /** Most parsed keys kept by {@link #publicKey}; a key is 91 bytes plus the provider's object, ~1 KiB in all. */
    public static final int MAX_CACHED_KEYS = 16_384;

    /**
     * Parsed keys by credential SID. A credential's key never changes (its SID is made with the factor,
     * and no operation changes the key), so an entry is never stale; each is still used only for the
     * very encoding it was parsed from.
     */
    private static final ParsedKeys PARSED = new ParsedKeys(MAX_CACHED_KEYS);

    /**
     * A bounded map of parsed keys: full, it is emptied and refills from the requests that follow (each
     * costs one parse, as every request did before there was a cache). Entries are made only for keys
     * of factors that exist (read from their row by the caller), so nobody fills it with keys of their
     * own choosing.
     */
    static final class ParsedKeys {
        private record Entry(String encoded, ECPublicKey key) {
        }

        private final int bound;
        private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

        ParsedKeys(int bound) {
            this.bound = bound;
        }

        ECPublicKey get(String credentialSid, String base64Spki) {
            Objects.requireNonNull(credentialSid);
            Objects.requireNonNull(base64Spki);
            Entry cached = entries.get(credentialSid);
            if (cached != null && cached.encoded().equals(base64Spki)) {
                return cached.key();
            }
            ECPublicKey key = parsePublicKey(base64Spki);
            if (entries.size() >= bound) {
                entries.clear();
            }
            entries.put(credentialSid, new Entry(base64Spki, key));
            return key;
        }

        int size() {
            return entries.size();
        }
    }

    private DeviceKeys() {
    }

    /**
     * The parsed key of the credential {@code credentialSid}, whose stored encoding is {@code base64Spki}:
     * from the cache when this credential's key was parsed before from the same encoding, else parsed
     * (as {@link #parsePublicKey}) and kept. Only what was read from the factor's row this request is
     * ever trusted: an entry whose encoding differs is parsed again and replaced.
     */
    public static ECPublicKey publicKey(String credentialSid, String base64Spki) {
        return PARSED.get(credentialSid, base64Spki);
    }

    /**
     * Parses a device's {@code Binding.PublicKey}. Padding may be omitted.
     *
     * @throws IllegalArgumentException if the value is not a Base64 P-256 SubjectPublicKeyInfo with a
     *     valid uncompressed point; the message is a short reason without key material
     */
    public static ECPublicKey parsePublicKey(String base64Spki) {
        Objects.requireNonNull(base64Spki);
        if (base64Spki.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("public key is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64Spki); // accepts missing padding, rejects anything outside the alphabet
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not valid Base64");
        }
        if (!(der.length == SPKI_LENGTH && Arrays.equals(der, 0, SPKI_HEADER.length, SPKI_HEADER, 0, SPKI_HEADER.length))) {
            throw new IllegalArgumentException(whyNotP256(der));
        }
        if (der[SPKI_HEADER.length] != 0x04) {
            throw new IllegalArgumentException("public key point is not in uncompressed form");
        }
        BigInteger x = new BigInteger(1, der, SPKI_HEADER.length + 1, COORDINATE_LENGTH);
        BigInteger y = new BigInteger(1, der, SPKI_HEADER.length + 1 + COORDINATE_LENGTH, COORDINATE_LENGTH);
        if (!isOnCurve(x, y)) {
            throw new IllegalArgumentException("public key point is not on curve P-256");
        }
        try {
            // The key factory of the verifying provider: each provider is fastest with its own key objects
            // (measured: BouncyCastle verifies about 2.4x slower with a foreign key, ACCP about 4% slower).
            return (ECPublicKey) KeyFactory.getInstance("EC", CryptoProviders.ecdsa()).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("public key was refused by the crypto provider");
        }
    }

    /** The key as a device would send it: standard, padded Base64 of its 91-byte SubjectPublicKeyInfo. */
    public static String encode(ECPublicKey key) {
        Objects.requireNonNull(key);
        if (!isP256(key.getParams())) {
            throw new IllegalArgumentException("not a P-256 key");
        }
        ECPoint w = key.getW();
        if (w == ECPoint.POINT_INFINITY || !isOnCurve(w.getAffineX(), w.getAffineY())) {
            throw new IllegalArgumentException("public key point is not on curve P-256");
        }
        byte[] der = Arrays.copyOf(SPKI_HEADER, SPKI_LENGTH);
        der[SPKI_HEADER.length] = 0x04;
        writeFixed(w.getAffineX(), der, SPKI_HEADER.length + 1);
        writeFixed(w.getAffineY(), der, SPKI_HEADER.length + 1 + COORDINATE_LENGTH);
        return Base64.getEncoder().encodeToString(der);
    }

    static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    /** y² = x³ + ax + b (mod p) with both coordinates reduced; P-256 has cofactor 1, so this is enough. */
    private static boolean isOnCurve(BigInteger x, BigInteger y) {
        if (x.signum() < 0 || x.compareTo(P) >= 0 || y.signum() < 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger a = P256.getCurve().getA();
        BigInteger b = P256.getCurve().getB();
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.multiply(x).add(a).multiply(x).add(b).mod(P);
        return left.equals(right);
    }

    private static void writeFixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray(); // big-endian, possibly with a leading sign byte or shorter than 32
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, target, offset + COORDINATE_LENGTH - length, length);
    }

    /** Only to word the error: the fast path above already decided the key is not acceptable. */
    private static String whyNotP256(byte[] der) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            info = null;
        }
        if (info == null) {
            return "public key is not a DER SubjectPublicKeyInfo";
        }
        if (!EC_PUBLIC_KEY.equals(info.getAlgorithm().getAlgorithm())) {
            return "public key is not an EC key";
        }
        if (!PRIME256V1.equals(info.getAlgorithm().getParameters())) {
            return "public key is not on curve P-256 (named curve prime256v1)";
        }
        if (info.getPublicKeyData().getBytes().length == 1 + COORDINATE_LENGTH) {
            return "public key point is not in uncompressed form";
        }
        return "public key is not a canonical DER P-256 SubjectPublicKeyInfo";
    }
}
