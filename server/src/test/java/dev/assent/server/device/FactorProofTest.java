package dev.assent.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FactorProofTest {

    private static final ECPublicKey KEY = DeviceKeys.parsePublicKey(TestVectors.PUBLIC_KEY);
    private static final byte[] PROOF_DER = Base64.getDecoder().decode(TestVectors.FACTOR_PROOF);

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theDocumentedProofVerifiesForItsFactor(Provider provider) {
        assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, TestVectors.FACTOR_PROOF, provider)).isTrue();
    }

    @Test
    void theDefaultProviderVerifiesItToo() {
        assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, TestVectors.FACTOR_PROOF)).isTrue();
        assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, TestVectors.FACTOR_PROOF.replace("=", ""))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theProofFailsForAnotherFactor(Provider provider) {
        assertThat(FactorProof.verify(KEY, "YF00000000000000000000000000000004", TestVectors.FACTOR_PROOF, provider)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theProofFailsWithAnyByteFlipped(Provider provider) {
        for (int i = 0; i < PROOF_DER.length; i++) {
            byte[] flipped = PROOF_DER.clone();
            flipped[i] ^= 0x01;
            assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, Base64.getEncoder().encodeToString(flipped), provider))
                    .as("byte %d flipped", i)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void theProofFailsWithAnotherKey(Provider provider) {
        ECPublicKey other = DeviceKeys.parsePublicKey(TestVectors.OAI_PUBLIC_KEY);

        assertThat(FactorProof.verify(other, TestVectors.FACTOR_SID, TestVectors.FACTOR_PROOF, provider)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void garbageIsFalseNotAnException(Provider provider) {
        for (String garbage : new String[] {null, "", "garbage!", "AAAA", "MEUCIQ", "%%%%", "A".repeat(FactorProof.MAX_LENGTH + 4),
                TestVectors.FACTOR_PROOF + "AAAA", Base64.getEncoder().encodeToString(new byte[72])}) {
            assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, garbage, provider)).as("%s", garbage).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void nonCanonicalDerEncodingsOfTheValidSignatureAreRefused(Provider provider) {
        String der = HexFormat.of().formatHex(PROOF_DER); // 3045 0221 00<r> 0220 <s>
        String afterSequenceHeader = der.substring(4);
        String rAndS = der.substring(8); // 00<r> 0220 <s>

        String extraZeroBeforeR = "3046" + "0222" + "00" + rAndS;
        String longFormLength = "308145" + afterSequenceHeader;
        String trailingByte = "3045" + afterSequenceHeader + "00";

        for (String variant : new String[] {extraZeroBeforeR, longFormLength, trailingByte}) {
            String proof = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(variant));
            assertThat(FactorProof.verify(KEY, TestVectors.FACTOR_SID, proof, provider)).as(variant).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.assent.server.device.TestVectors#providers")
    void aFreshDeviceKeySigningItsFactorSidVerifies(Provider provider) throws Exception {
        var pair = TestVectors.freshKeyPair("secp256r1");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update("YF0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        String proof = Base64.getEncoder().encodeToString(signer.sign());

        ECPublicKey key = DeviceKeys.parsePublicKey(DeviceKeys.encode((ECPublicKey) pair.getPublic()));

        assertThat(FactorProof.verify(key, "YF0123456789abcdef0123456789abcdef", proof, provider)).isTrue();
    }
}
