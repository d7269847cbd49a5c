package dev.assent.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.config.ServerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheTwilioLikeDefaults() {
        RetentionSettings settings = RetentionSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(RetentionSettings.DEFAULTS);
        assertThat(settings.period(Expirable.CHALLENGES)).contains(Duration.ofDays(30));
        assertThat(settings.period(Expirable.PASSKEY_CHALLENGES)).contains(Duration.ofDays(30));
        assertThat(settings.period(Expirable.PUSH_JOBS)).contains(Duration.ofDays(7));
        assertThat(settings.period(Expirable.WEBHOOK_DELIVERIES)).contains(Duration.ofDays(7));
        assertThat(settings.period(Expirable.ACCESS_TOKENS)).contains(Duration.ofDays(1));
        assertThat(settings.period(Expirable.UNVERIFIED_FACTORS)).contains(Duration.ofHours(24));
        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.batchSize()).isEqualTo(500);
    }

    @Test
    void eachVariableSetsItsPeriodOrTurnsItOff() {
        RetentionSettings settings = RetentionSettings.fromEnvironment(Map.of(
                "ASSENT_RETENTION_CHALLENGES", "90d",
                "ASSENT_RETENTION_DELIVERIES", "off",
                "ASSENT_RETENTION_ACCESS_TOKENS", "3600s",
                "ASSENT_RETENTION_UNVERIFIED_FACTORS", "90m",
                "ASSENT_RETENTION_INTERVAL", "1h"));

        assertThat(settings.challenges()).contains(Duration.ofDays(90));
        // Passkeys logins follow the challenges' variable; there is no variable of their own.
        assertThat(settings.period(Expirable.PASSKEY_CHALLENGES)).contains(Duration.ofDays(90));
        assertThat(settings.deliveries()).isEmpty();
        assertThat(settings.period(Expirable.PUSH_JOBS)).isEmpty();
        assertThat(settings.accessTokens()).contains(Duration.ofHours(1));
        assertThat(settings.unverifiedFactors()).contains(Duration.ofMinutes(90));
        assertThat(settings.interval()).isEqualTo(Duration.ofHours(1));
        // The loader's one duration syntax: ISO-8601 too.
        assertThat(RetentionSettings.fromEnvironment(Map.of("ASSENT_RETENTION_INTERVAL", "PT10M")).interval())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @CsvSource({
        "ASSENT_RETENTION_CHALLENGES, 30",
        "ASSENT_RETENTION_CHALLENGES, 0d",
        "ASSENT_RETENTION_CHALLENGES, -1d",
        "ASSENT_RETENTION_DELIVERIES, 7 days",
        "ASSENT_RETENTION_ACCESS_TOKENS, 1w",
        "ASSENT_RETENTION_UNVERIFIED_FACTORS, OFF",
        "ASSENT_RETENTION_UNVERIFIED_FACTORS, 9999999h",
        "ASSENT_RETENTION_INTERVAL, off",
        "ASSENT_RETENTION_INTERVAL, 500ms",
        "ASSENT_RETENTION_INTERVAL, ''",
    })
    void aBadValueIsRefusedNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> RetentionSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theServerSettingsReadRetentionFromTheEnvironment() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("ASSENT_RETENTION_CHALLENGES", "off"), false);

        assertThat(settings.retention().challenges()).isEmpty();
        assertThat(settings.retention().accessTokens()).contains(Duration.ofDays(1));
        assertThat(ServerSettings.DEFAULTS.retention()).isEqualTo(RetentionSettings.DEFAULTS);
        assertThat(ServerSettings.DEFAULTS.withRetention(RetentionSettings.OFF).retention()).isEqualTo(RetentionSettings.OFF);
    }

    @Test
    void pacingIsBounded() {
        assertThatThrownBy(() -> RetentionSettings.DEFAULTS.withPacing(Duration.ZERO, 500, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionSettings.DEFAULTS.withPacing(Duration.ofMinutes(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionSettings.DEFAULTS.withPacing(Duration.ofMinutes(1), 10_001, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetentionSettings.OFF.period(Expirable.CHALLENGES)).isEqualTo(Optional.empty());
    }
}
