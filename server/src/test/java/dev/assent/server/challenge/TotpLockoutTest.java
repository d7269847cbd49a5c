package dev.assent.server.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TOTP lockout setting: its variable, and the back-off it grows by. */
class TotpLockoutTest {

    @Test
    void unsetMeansTenWrongCodesAndOneMinuteDoublingToOneHour() {
        TotpLockout lockout = TotpLockout.fromEnvironment(Map.of());
        assertThat(lockout).isEqualTo(TotpLockout.DEFAULT);
        assertThat(lockout.enabled()).isTrue();
        assertThat(lockout.threshold()).isEqualTo(10);
        assertThat(lockout.duration(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(lockout.duration(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(lockout.duration(5)).isEqualTo(Duration.ofMinutes(32));
        assertThat(lockout.duration(6)).isEqualTo(Duration.ofHours(1));
        assertThat(lockout.duration(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void offTurnsItOff() {
        assertThat(TotpLockout.fromEnvironment(Map.of("ASSENT_LIMIT_TOTP_LOCKOUT", "off")).enabled()).isFalse();
        assertThat(TotpLockout.fromEnvironment(Map.of("ASSENT_LIMIT_TOTP_LOCKOUT", "OFF"))).isEqualTo(TotpLockout.OFF);
    }

    @Test
    void aNumberSetsTheThreshold() {
        assertThat(TotpLockout.fromEnvironment(Map.of("ASSENT_LIMIT_TOTP_LOCKOUT", "20")).threshold()).isEqualTo(20);
        assertThat(TotpLockout.fromEnvironment(Map.of("ASSENT_LIMIT_TOTP_LOCKOUT", " 3 ")).threshold()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "1001", "ten", "10s", "on", "2147483648"})
    void aBadValueIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> TotpLockout.fromEnvironment(Map.of("ASSENT_LIMIT_TOTP_LOCKOUT", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASSENT_LIMIT_TOTP_LOCKOUT")
                .hasMessageContaining("'" + value + "'");
    }
}
