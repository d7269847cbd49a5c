package dev.assent.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.config.ProcessSettings.LogFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ASSENT_LOG_FORMAT} and {@code ASSENT_SHUTDOWN_GRACE} as operators write them, and the mistakes they name. */
class ProcessSettingsTest {

    @Test
    void theDefaultsAreTextAndTwentySeconds() {
        assertThat(ProcessSettings.fromEnvironment(Map.of())).isEqualTo(new ProcessSettings(LogFormat.TEXT, Duration.ofSeconds(20)));
        assertThat(ServerSettings.DEFAULTS.process()).isEqualTo(ProcessSettings.DEFAULTS);
    }

    @Test
    void theLogFormatIsTextOrJson() {
        assertThat(ProcessSettings.logFormat(Map.of("ASSENT_LOG_FORMAT", "json"))).isEqualTo(LogFormat.JSON);
        assertThat(ProcessSettings.logFormat(Map.of("ASSENT_LOG_FORMAT", " JSON "))).isEqualTo(LogFormat.JSON);
        assertThat(ProcessSettings.logFormat(Map.of("ASSENT_LOG_FORMAT", "text"))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.JSON.appender()).isEqualTo("json");
        assertThatThrownBy(() -> ProcessSettings.logFormat(Map.of("ASSENT_LOG_FORMAT", "logfmt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid ASSENT_LOG_FORMAT='logfmt': expected text or json");
    }

    @Test
    void theGraceIsAShortOrIsoDuration() {
        assertThat(grace("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(grace("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(grace("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(grace("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(grace("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(grace("0s")).isZero();
        for (String bad : new String[] {"20", "twenty", "-5s", "PT-1S", "2h", "PT61M", ""}) {
            assertThatThrownBy(() -> grace(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid ASSENT_SHUTDOWN_GRACE='" + bad + "'");
        }
    }

    @Test
    void fromTheEnvironmentTheGraceAlsoBoundsTheWorkersStop() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("ASSENT_SHUTDOWN_GRACE", "7s", "ASSENT_LOG_FORMAT", "json"), false);
        assertThat(settings.process()).isEqualTo(new ProcessSettings(LogFormat.JSON, Duration.ofSeconds(7)));
        assertThat(settings.workers().stopGrace()).isEqualTo(Duration.ofSeconds(7));
        assertThat(ServerSettings.fromEnvironment(Map.of(), true).workers().stopGrace()).isEqualTo(Duration.ofSeconds(20));
    }

    private static Duration grace(String value) {
        return ProcessSettings.fromEnvironment(Map.of("ASSENT_SHUTDOWN_GRACE", value)).shutdownGrace();
    }
}
