package dev.assent.server.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] SHA1_SEED = ascii("12345678901234567890");
    private static final byte[] SHA256_SEED = ascii("1234567890".repeat(3) + "12");
    private static final byte[] SHA512_SEED = ascii("1234567890".repeat(6) + "1234");

    // Instant of RFC 6238 Appendix B's 1111111109: step 37037036, 29 s into it.
    private static final Instant NOW = Instant.ofEpochSecond(1111111109);
    private static final long NOW_COUNTER = 37037036;
    private static final TotpParameters SIX_DIGITS = TotpParameters.defaults();

    // RFC 6238 Appendix B (errata-corrected seeds: each algorithm's own key length).
    @ParameterizedTest(name = "{1} at {0}")
    @CsvSource({
        "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826",
    })
    void generatesTheRfc6238ReferenceCodes(long epochSeconds, TotpAlgorithm algorithm, String expected) {
        TotpParameters eightDigits = new TotpParameters(algorithm, 8, Duration.ofSeconds(30), 1);
        Instant at = Instant.ofEpochSecond(epochSeconds);

        assertThat(Totp.generate(seed(algorithm), eightDigits, at)).isEqualTo(expected);
        assertThat(Totp.verify(seed(algorithm), eightDigits, expected, at))
                .hasValue(Totp.counter(at, Duration.ofSeconds(30)));
        // Shorter codes are HOTP's value mod 10^n, i.e. the last n digits of the 8-digit code.
        IntStream.rangeClosed(3, 8).forEach(length -> assertThat(
                        Totp.generate(seed(algorithm), new TotpParameters(algorithm, length, Duration.ofSeconds(30), 1), at))
                .isEqualTo(expected.substring(8 - length)));
    }

    @Test
    void counterIsTheFloorOfEpochSecondsOverTheStep() {
        assertThat(Totp.counter(Instant.ofEpochSecond(59), Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(Totp.counter(Instant.ofEpochSecond(60), Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(Totp.counter(Instant.ofEpochSecond(59, 999_999_999), Duration.ofSeconds(60))).isZero();
        assertThat(Totp.counter(Instant.ofEpochSecond(-1), Duration.ofSeconds(30))).isEqualTo(-1);
        assertThat(Totp.counter(NOW, Duration.ofSeconds(30))).isEqualTo(NOW_COUNTER);
    }

    @Test
    void generateIsGenerateForCounterOfTheCurrentStep() {
        assertThat(Totp.generate(SHA1_SEED, SIX_DIGITS, NOW))
                .isEqualTo(Totp.generateForCounter(SHA1_SEED, SIX_DIGITS, NOW_COUNTER))
                .isEqualTo("081804");
    }

    @Test
    void verifyAcceptsCodesWithinTheSkewAndReturnsTheirCounter() {
        for (long offset = -1; offset <= 1; offset++) {
            String code = Totp.generateForCounter(SHA1_SEED, SIX_DIGITS, NOW_COUNTER + offset);
            assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, code, NOW)).hasValue(NOW_COUNTER + offset);
        }
    }

    @Test
    void verifyRejectsCodesOutsideTheSkew() {
        for (long offset : new long[] {-3, -2, 2, 3}) {
            String code = Totp.generateForCounter(SHA1_SEED, SIX_DIGITS, NOW_COUNTER + offset);
            assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, code, NOW)).isEmpty();
        }
    }

    @Test
    void aSkewOfTwoAcceptsTwoStepsEitherSide() {
        TotpParameters skewTwo = new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 2);
        for (long offset : new long[] {-2, 2}) {
            String code = Totp.generateForCounter(SHA1_SEED, skewTwo, NOW_COUNTER + offset);
            assertThat(Totp.verify(SHA1_SEED, skewTwo, code, NOW)).hasValue(NOW_COUNTER + offset);
        }
    }

    @Test
    void aSkewOfZeroAcceptsOnlyTheCurrentStep() {
        TotpParameters noSkew = new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 0);
        String current = Totp.generate(SHA1_SEED, noSkew, NOW);
        assertThat(Totp.verify(SHA1_SEED, noSkew, current, NOW)).hasValue(NOW_COUNTER);
        assertThat(Totp.verify(SHA1_SEED, noSkew, Totp.generateForCounter(SHA1_SEED, noSkew, NOW_COUNTER - 1), NOW))
                .isEmpty();
        assertThat(Totp.verify(SHA1_SEED, noSkew, Totp.generateForCounter(SHA1_SEED, noSkew, NOW_COUNTER + 1), NOW))
                .isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"08180", "0818040", "08180a", "abcdef", " 81804", "081804 ", "+81804", "-81804", "08.804"})
    void verifyRejectsMalformedCodes(String code) {
        assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, code, NOW)).isEmpty();
    }

    @Test
    void verifyRejectsTheRightCodeWrittenInNonAsciiDigits() {
        String code = Totp.generate(SHA1_SEED, SIX_DIGITS, NOW);
        String arabicIndic = code.chars().map(c -> '\u0660' + (c - '0'))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String fullwidth = code.chars().map(c -> '\uFF10' + (c - '0'))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, arabicIndic, NOW)).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, fullwidth, NOW)).isEmpty();
    }

    @Test
    void verifyRejectsACodeMadeWithAnotherSecret() {
        String code = Totp.generate(SHA256_SEED, SIX_DIGITS, NOW);
        assertThat(Totp.verify(SHA1_SEED, SIX_DIGITS, code, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 60})
    void otherTimeStepsCountStepsOfThatLength(int seconds) {
        TotpParameters p = new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(seconds), 1);
        long counter = NOW.getEpochSecond() / seconds;
        String code = Totp.generate(SHA1_SEED, p, NOW);

        assertThat(code).isEqualTo(Totp.generateForCounter(SHA1_SEED, p, counter));
        assertThat(Totp.verify(SHA1_SEED, p, code, NOW.plusSeconds(seconds))).hasValue(counter);
        assertThat(Totp.verify(SHA1_SEED, p, code, NOW.plusSeconds(2L * seconds))).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, p, code, NOW.minusSeconds(2L * seconds))).isEmpty();
    }

    @Test
    void whenSeveralStepsMatchTheCurrentOneWins() {
        TotpParameters threeDigits = new TotpParameters(TotpAlgorithm.SHA1, 3, Duration.ofSeconds(30), 1);
        long c = firstCounterWhere(n -> code3(n).equals(code3(n + 1)));

        assertThat(Totp.verify(SHA1_SEED, threeDigits, code3(c), stepStart(c))).hasValue(c);
        assertThat(Totp.verify(SHA1_SEED, threeDigits, code3(c), stepStart(c + 1))).hasValue(c + 1);
    }

    @Test
    void whenThePastAndFutureStepsBothMatchThePastOneWins() {
        TotpParameters threeDigits = new TotpParameters(TotpAlgorithm.SHA1, 3, Duration.ofSeconds(30), 1);
        long c = firstCounterWhere(n -> code3(n - 1).equals(code3(n + 1)) && !code3(n).equals(code3(n + 1)));

        assertThat(Totp.verify(SHA1_SEED, threeDigits, code3(c + 1), stepStart(c))).hasValue(c - 1);
    }

    @ParameterizedTest
    @CsvSource({"SHA1, 20", "SHA256, 32", "SHA512, 64"})
    void newSecretsHaveTheRecommendedLengthAndDiffer(TotpAlgorithm algorithm, int bytes) {
        assertThat(Totp.newSecret(algorithm)).hasSize(bytes).isNotEqualTo(Totp.newSecret(algorithm));
    }

    private static String code3(long counter) {
        return Totp.generateForCounter(SHA1_SEED, new TotpParameters(TotpAlgorithm.SHA1, 3, Duration.ofSeconds(30), 1), counter);
    }

    // With 3-digit codes a coincidence turns up within a few thousand steps; the search is deterministic.
    private static long firstCounterWhere(java.util.function.LongPredicate condition) {
        OptionalLong found = java.util.stream.LongStream.range(1, 1_000_000).filter(condition).findFirst();
        assertThat(found).isPresent();
        return found.getAsLong();
    }

    private static Instant stepStart(long counter) {
        return Instant.ofEpochSecond(counter * 30);
    }

    private static byte[] seed(TotpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SHA1_SEED;
            case SHA256 -> SHA256_SEED;
            case SHA512 -> SHA512_SEED;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
