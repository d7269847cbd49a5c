package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The suite's own TOTP against RFC 6238 Appendix B, so a failing TOTP scenario is the server's. */
class TotpCodesTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59,          94287082, 46119246, 90693936",
        "1111111109,  07081804, 68084774, 25091201",
        "1111111111,  14050471, 67062674, 99943326",
        "1234567890,  89005924, 91819424, 93441116",
        "2000000000,  69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826",
    })
    void codesMatchTheRfc6238Vectors(long time, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(time);

        assertThat(new TotpCodes(SHA1_SEED, 30, 8, "HmacSHA1").codeAt(at)).isEqualTo(sha1);
        assertThat(new TotpCodes(SHA256_SEED, 30, 8, "HmacSHA256").codeAt(at)).isEqualTo(sha256);
        assertThat(new TotpCodes(SHA512_SEED, 30, 8, "HmacSHA512").codeAt(at)).isEqualTo(sha512);
    }

    @Test
    void base32SeedsDecodeAsInTwilioExamples() {
        // The seed in the spec's createTotp example is Base32 of the RFC seed.
        assertThat(TotpCodes.base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(SHA1_SEED);
    }

    @Test
    void sixDigitCodesKeepLeadingZeros() {
        TotpCodes codes = new TotpCodes(SHA1_SEED, 30, 6, "HmacSHA1");

        assertThat(codes.codeAt(Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }
}
