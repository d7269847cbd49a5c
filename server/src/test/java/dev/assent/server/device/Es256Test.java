package dev.assent.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Es256Test {

    private static final byte[] DER = Base64.getUrlDecoder().decode(TestVectors.DER_SIGNATURE_B64URL);
    private static final byte[] RAW = Base64.getUrlDecoder().decode(TestVectors.RAW_SIGNATURE_B64URL);

    @Test
    void nimbusTranscodesTheSdkVectorFromDerToRawAsTheSdksDo() throws JOSEException {
        assertThat(DER).hasSize(70);
        assertThat(ECDSA.transcodeSignatureToConcat(DER, Es256.SIGNATURE_LENGTH)).isEqualTo(RAW);
        assertThat(ECDSA.transcodeSignatureToDER(RAW)).isEqualTo(DER);
    }

    @Test
    void ourStrictDerDecoderAgreesOnTheSdkVector() {
        assertThat(Es256.derToRaw(DER)).isEqualTo(RAW);
    }

    @Test
    void shortIntegersAreLeftPaddedToThirtyTwoBytes() {
        byte[] raw = Es256.derToRaw(HexFormat.of().parseHex("3006020101020102"));

        assertThat(raw).hasSize(64);
        assertThat(raw[31]).isEqualTo((byte) 1);
        assertThat(raw[63]).isEqualTo((byte) 2);
        assertThat(raw).containsOnlyOnce((byte) 1).containsOnlyOnce((byte) 2);
    }

    @Test
    void derThatIsNotStrictlyCanonicalIsRefused() {
        String[] refused = {
            "",
            "3006020101020102" + "00", // trailing byte
            "3007020101020102", // sequence length wrong
            "310602010102010200", // not a sequence
            "3006028101020102", // long-form integer length
            "300702020001020102", // superfluous leading zero
            "30060201ff020102", // negative r
            "3006020101030102", // s is not an INTEGER
            "30050201010201", // s truncated
            "302702220100" + "00".repeat(32) + "020101", // r longer than 32 bytes
        };
        for (String hex : refused) {
            assertThat(Es256.derToRaw(HexFormat.of().parseHex(hex))).as(hex).isNull();
        }
    }

    @Test
    void aLeadingZeroIsAllowedWhereTheSignBitNeedsIt() {
        byte[] raw = Es256.derToRaw(HexFormat.of().parseHex("300702020080020102"));

        assertThat(raw[31]).isEqualTo((byte) 0x80);
    }
}
