package dev.assent.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.factor.FactorLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the ASSENT_LIMIT_* variables, and which of several limits a refusal reports. */
class RateLimitTest {

    @Test
    void defaultsAreTwiliosLimits() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of(), false);
        assertThat(settings.challengeLimits().creation())
                .containsExactly(new RateLimit(50, Duration.ofHours(1)), new RateLimit(100, Duration.ofHours(24)));
        assertThat(settings.challengeLimits().shortCodeCreation()).containsExactly(new RateLimit(10, Duration.ofHours(24)));
        assertThat(settings.challengeLimits().pendingPush()).hasValue(10);
        assertThat(settings.factorLimits().creation()).containsExactly(new RateLimit(100, Duration.ofHours(24)));
        assertThat(settings.challengeLimits()).isEqualTo(ChallengeLimits.DEFAULTS);
    }

    @Test
    void offTurnsEachLimitOff() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of(ChallengeLimits.CREATION_VARIABLE, "off",
                ChallengeLimits.SHORT_CODE_CREATION_VARIABLE, "OFF", ChallengeLimits.PENDING_PUSH_VARIABLE, "off",
                FactorLimits.CREATION_VARIABLE, " off "), false);
        assertThat(settings.challengeLimits()).isEqualTo(ChallengeLimits.OFF);
        assertThat(settings.factorLimits()).isEqualTo(FactorLimits.OFF);
    }

    @Test
    void unitsAndListsParse() {
        assertThat(RateLimit.parseAll("V", "5/90s, 7/30m,3/2d,1/1h")).containsExactly(new RateLimit(5, Duration.ofSeconds(90)),
                new RateLimit(7, Duration.ofMinutes(30)), new RateLimit(3, Duration.ofDays(2)), new RateLimit(1, Duration.ofHours(1)));
        assertThat(RateLimit.parseAll("V", "50/1h").get(0)).hasToString("50/1h");
        assertThat(RateLimit.parseCount("V", "25")).isEqualTo(OptionalInt.of(25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "50", "50/", "/1h", "0/1h", "50/0h", "50/1w", "-1/1h", "50/1h,", "50/1h;100/24h", "50/32d",
            "9999999999/1h"})
    void aBadRateNamesTheVariableAndQuotesTheValue(String value) {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of(ChallengeLimits.CREATION_VARIABLE, value), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid ASSENT_LIMIT_CHALLENGE_CREATION='" + value + "': ");
        assertThatThrownBy(() -> FactorLimits.fromEnvironment(Map.of(FactorLimits.CREATION_VARIABLE, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid ASSENT_LIMIT_FACTOR_CREATION='" + value + "': ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-3", "ten", "10/1h"})
    void aBadPendingCapNamesTheVariableAndQuotesTheValue(String value) {
        assertThatThrownBy(() -> ChallengeLimits.fromEnvironment(Map.of(ChallengeLimits.PENDING_PUSH_VARIABLE, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid ASSENT_LIMIT_PENDING_PUSH_CHALLENGES='" + value + "': ");
    }

    @Test
    void ofSeveralLimitsReachedTheLongestWaitIsReported() {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        RateLimit hourly = new RateLimit(50, Duration.ofHours(1));
        RateLimit daily = new RateLimit(100, Duration.ofHours(24));
        Optional<RateLimit.Refusal> refusal = RateLimit.check(List.of(hourly, daily),
                limit -> Optional.of(now.minus(Duration.ofMinutes(limit == hourly ? 30 : 60))), now);
        assertThat(refusal).hasValue(new RateLimit.Refusal(daily, Duration.ofHours(23)));
        assertThat(RateLimit.check(List.of(hourly, daily), limit -> Optional.empty(), now)).isEmpty();
        assertThat(RateLimit.check(List.of(hourly, daily),
                limit -> limit == hourly ? Optional.of(now.minus(Duration.ofMinutes(45))) : Optional.empty(), now))
                .hasValue(new RateLimit.Refusal(hourly, Duration.ofMinutes(15)));
    }
}
