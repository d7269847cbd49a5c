package dev.assent.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeviceKeysTest {

    private static final byte[] VECTOR_DER = Base64.getDecoder().decode(TestVectors.PUBLIC_KEY);

    @Test
    void parsesTheDocumentedDeviceKey() {
        ECPublicKey key = DeviceKeys.parsePublicKey(TestVectors.PUBLIC_KEY);

        assertThat(DeviceKeys.isP256(key.getParams())).isTrue();
        assertThat(key.getW().getAffineX()).isEqualTo(new BigInteger(1, Arrays.copyOfRange(VECTOR_DER, 27, 59)));
        assertThat(DeviceKeys.encode(key)).isEqualTo(TestVectors.PUBLIC_KEY);
    }

    @Test
    void parsesTheOpenApiExampleKey() {
        assertThat(DeviceKeys.encode(DeviceKeys.parsePublicKey(TestVectors.OAI_PUBLIC_KEY))).isEqualTo(TestVectors.OAI_PUBLIC_KEY);
    }

    @Test
    void toleratesMissingPadding() {
        String unpadded = TestVectors.PUBLIC_KEY.replace("=", "");

        assertThat(DeviceKeys.encode(DeviceKeys.parsePublicKey(unpadded))).isEqualTo(TestVectors.PUBLIC_KEY);
    }

    @Test
    void encodesAFreshKeyAsTheSdksDo() {
        ECPublicKey fresh = (ECPublicKey) TestVectors.freshKeyPair("secp256r1").getPublic();

        String encoded = DeviceKeys.encode(fresh);

        assertThat(Base64.getDecoder().decode(encoded)).isEqualTo(fresh.getEncoded());
        assertThat(DeviceKeys.parsePublicKey(encoded).getW()).isEqualTo(fresh.getW());
    }

    @Test
    void rejectsAP384Key() {
        String p384 = Base64.getEncoder().encodeToString(TestVectors.freshKeyPair("secp384r1").getPublic().getEncoded());

        assertRejected(p384, "not on curve P-256");
    }

    @Test
    void rejectsAnRsaKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String encoded = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded());

        assertRejected(encoded, "not an EC key");
    }

    @Test
    void rejectsGarbage() {
        assertRejected("not base64 at all!", "not valid Base64");
        assertRejected("", "not a DER SubjectPublicKeyInfo");
        assertRejected(Base64.getEncoder().encodeToString("hello, world".getBytes()), "not a DER SubjectPublicKeyInfo");
        assertRejected(Base64.getEncoder().encodeToString(Arrays.copyOf(VECTOR_DER, 90)), "not a DER SubjectPublicKeyInfo");
    }

    @Test
    void rejectsTrailingBytes() {
        assertRejected(Base64.getEncoder().encodeToString(Arrays.copyOf(VECTOR_DER, 92)), "not a DER SubjectPublicKeyInfo");
    }

    @Test
    void rejectsAPointOffTheCurve() {
        byte[] der = VECTOR_DER.clone();
        der[90] ^= 1;

        assertRejected(Base64.getEncoder().encodeToString(der), "not on curve P-256");
    }

    @Test
    void rejectsACoordinateOutsideTheField() {
        byte[] der = VECTOR_DER.clone();
        Arrays.fill(der, 27, 59, (byte) 0xff);

        assertRejected(Base64.getEncoder().encodeToString(der), "not on curve P-256");
    }

    @Test
    void rejectsACompressedPoint() {
        byte[] x = Arrays.copyOfRange(VECTOR_DER, 27, 59);
        byte[] compressed = HexFormat.of().parseHex("3039301306072a8648ce3d020106082a8648ce3d030107032200" + "02"
                + HexFormat.of().formatHex(x));

        assertRejected(Base64.getEncoder().encodeToString(compressed), "uncompressed");
    }

    @Test
    void rejectsOversizedInputBeforeDecodingIt() {
        assertRejected("A".repeat(DeviceKeys.MAX_ENCODED_LENGTH + 4), "longer than");
    }

    @Test
    void refusesToEncodeAKeyOnAnotherCurve() {
        ECPublicKey p384 = (ECPublicKey) TestVectors.freshKeyPair("secp384r1").getPublic();

        assertThatThrownBy(() -> DeviceKeys.encode(p384)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRejected(String input, String reason) {
        assertThatThrownBy(() -> DeviceKeys.parsePublicKey(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> {
                    if (!input.isEmpty()) {
                        assertThat(e.getMessage()).as("no key material in the message").doesNotContain(input.substring(0, Math.min(20, input.length())));
                    }
                });
    }

    @Test
    void aCredentialsKeyIsParsedOnceAndThenKept() {
        String credential = "CR" + "0".repeat(31) + "1";
        ECPublicKey first = DeviceKeys.publicKey(credential, TestVectors.PUBLIC_KEY);

        assertThat(DeviceKeys.publicKey(credential, TestVectors.PUBLIC_KEY)).isSameAs(first);
        assertThat(first.getW()).isEqualTo(DeviceKeys.parsePublicKey(TestVectors.PUBLIC_KEY).getW());
    }

    @Test
    void aCachedKeyIsUsedOnlyForTheEncodingItWasParsedFrom() {
        String credential = "CR" + "0".repeat(31) + "2";
        ECPublicKey documented = DeviceKeys.publicKey(credential, TestVectors.PUBLIC_KEY);

        // Another key under the same SID (which no operation does): parsed afresh, never the kept one.
        ECPublicKey other = DeviceKeys.publicKey(credential, TestVectors.OAI_PUBLIC_KEY);
        assertThat(other).isNotSameAs(documented);
        assertThat(DeviceKeys.encode(other)).isEqualTo(TestVectors.OAI_PUBLIC_KEY);
        // And a bad encoding is refused as parsePublicKey refuses it, whatever is kept for the SID.
        assertThatThrownBy(() -> DeviceKeys.publicKey(credential, "not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid Base64");
        assertThat(DeviceKeys.publicKey(credential, TestVectors.OAI_PUBLIC_KEY)).isSameAs(other);
    }

    @Test
    void theCacheIsBounded() {
        DeviceKeys.ParsedKeys cache = new DeviceKeys.ParsedKeys(100);
        for (int i = 0; i < 250; i++) {
            String credential = String.format("CR%032x", i);
            ECPublicKey parsed = cache.get(credential, TestVectors.PUBLIC_KEY);
            assertThat(cache.size()).isBetween(1, 100);
            assertThat(cache.get(credential, TestVectors.PUBLIC_KEY)).isSameAs(parsed);
        }
    }
}
