package dev.assent.server.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpParametersTest {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void defaultsAreTwiliosDefaults() {
        assertThat(TotpParameters.defaults())
                .isEqualTo(new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 8})
    void acceptsCodeLengthsAtTheEdges(int codeLength) {
        assertThat(new TotpParameters(TotpAlgorithm.SHA1, codeLength, THIRTY_SECONDS, 1).codeLength()).isEqualTo(codeLength);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 9, 0, -6})
    void rejectsCodeLengthsOutside3To8(int codeLength) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, codeLength, THIRTY_SECONDS, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 60})
    void acceptsTimeStepsAtTheEdges(int seconds) {
        assertThat(new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(seconds), 1).timeStep())
                .isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(ints = {19, 61, 0, -30})
    void rejectsTimeStepsOutside20To60Seconds(int seconds) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(seconds), 1));
    }

    @Test
    void rejectsTimeStepsThatAreNotWholeSeconds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofMillis(30_500), 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofMillis(59_999), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void acceptsSkewsAtTheEdges(int skew) {
        assertThat(new TotpParameters(TotpAlgorithm.SHA1, 6, THIRTY_SECONDS, skew).skew()).isEqualTo(skew);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3})
    void rejectsSkewsOutside0To2(int skew) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, THIRTY_SECONDS, skew));
    }

    @Test
    void rejectsAMissingAlgorithmOrTimeStep() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(null, 6, THIRTY_SECONDS, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TotpParameters(TotpAlgorithm.SHA1, 6, null, 1));
    }

    @Test
    void algorithmsParseOnlyTheirExactWireNames() {
        assertThat(TotpAlgorithm.fromWire("sha1")).contains(TotpAlgorithm.SHA1);
        assertThat(TotpAlgorithm.fromWire("sha256")).contains(TotpAlgorithm.SHA256);
        assertThat(TotpAlgorithm.fromWire("sha512")).contains(TotpAlgorithm.SHA512);
        assertThat(TotpAlgorithm.fromWire("SHA1")).isEmpty();
        assertThat(TotpAlgorithm.fromWire(" sha1")).isEmpty();
        assertThat(TotpAlgorithm.fromWire("md5")).isEmpty();
        assertThat(TotpAlgorithm.fromWire(null)).isEmpty();
        assertThat(TotpAlgorithm.SHA512.uriName()).isEqualTo("SHA512");
        assertThat(TotpAlgorithm.SHA256.macAlgorithm()).isEqualTo("HmacSHA256");
    }
}
