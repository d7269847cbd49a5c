package dev.assent.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushWorkerTest {

    @ParameterizedTest(name = "after attempt {0}: wait {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 300", "8, 300", "40, 300"})
    void backoffDoublesFromFiveSecondsUpToFiveMinutes(int attempts, long seconds) {
        assertThat(PushWorker.backoff(attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
