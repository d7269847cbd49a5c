package dev.assent.server.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    // RFC 4648 §10 test vectors; the padded form is the RFC's, the unpadded one is what we emit.
    @ParameterizedTest(name = "\"{0}\" <-> {1}")
    @CsvSource({
        "'', '', ''",
        "f, MY, MY======",
        "fo, MZXQ, MZXQ====",
        "foo, MZXW6, MZXW6===",
        "foob, MZXW6YQ, MZXW6YQ=",
        "fooba, MZXW6YTB, MZXW6YTB",
        "foobar, MZXW6YTBOI, MZXW6YTBOI======",
    })
    void encodesAndDecodesTheRfc4648Vectors(String plain, String unpadded, String padded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(unpadded);
        assertThat(Base32.decode(unpadded)).isEqualTo(bytes);
        assertThat(Base32.decode(padded)).isEqualTo(bytes);
        assertThat(Base32.decode(padded.toLowerCase())).isEqualTo(bytes);
    }

    @Test
    void decodesMixedCase() {
        assertThat(Base32.decode("mZxW6yTbOi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsRandomBytesOfEveryLengthUpTo100() {
        Random random = new Random(6238);
        for (int length = 0; length <= 100; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base32.encode(bytes);

            assertThat(encoded).matches("[A-Z2-7]*");
            assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MZXW6!", "MZ XW6", " MZXW6", "MZXW6\n", "MZXW1", "MZXW0", "MZXW8", "MZXW9", "MZXW-", "MZÉW6",
        "M", "MZX", "MZXW6Y", "MZXW6YTBO", // lengths no encoder produces
        "MZ=XW6YQ", "=MZXW6YQ", "MZXW6YQ=MZXW6YQ=", // padding not at the end
        "MY=", "MY====", "MZXW6YTB========", "========", // incomplete or whole-block padding
        "MZ", "MZXR", "MZXW7", "MZXW6YR", // non-zero unused bits
    })
    void rejectsAnythingThatIsNotCanonicalBase32(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode(text));
    }

    @Test
    void errorMessagesDoNotRevealTheInput() {
        String secret = "JBSWY3DPEHPK3PXP";
        for (String text : new String[] {secret + "!", secret + "A", secret + "========", secret.toLowerCase() + " "}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Base32.decode(text))
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContainIgnoringCase(secret)
                            .doesNotContainIgnoringCase(secret.substring(0, 4)));
        }
    }
}
