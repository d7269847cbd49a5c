package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void theConnectionCapStaysBelowTheDescriptorLimit() {
        ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        assertThat(limits.effectiveMaxConnections(256, 0)).isEqualTo(128);
        assertThat(limits.effectiveMaxConnections(1024, -1)).isEqualTo(768);
        assertThat(limits.effectiveMaxConnections(1_048_576, 200)).isEqualTo(ConnectionLimits.DEFAULT_MAX_CONNECTIONS);
        assertThat(limits.effectiveMaxConnections(-1, 200)).isEqualTo(ConnectionLimits.DEFAULT_MAX_CONNECTIONS);
        assertThat(limits.effectiveMaxConnections(100, 0)).isEqualTo(16);
        // What the process already holds (about 130 at start: jars, the pool's database files) is not free.
        assertThat(limits.effectiveMaxConnections(1024, 130)).isEqualTo(638);
        assertThat(limits.effectiveMaxConnections(256, 126)).isEqualTo(16);
    }

    @Test
    void theEnvironmentSetsEachLimitAndRefusesNonsense() {
        ConnectionLimits limits = ConnectionLimits.fromEnvironment(Map.of("ASSENT_HTTP_MAX_CONNECTIONS", "500",
                "ASSENT_HTTP_MAX_CONCURRENT_REQUESTS", "50", "ASSENT_HTTP_REQUEST_TIMEOUT", "15", "ASSENT_HTTP_IDLE_TIMEOUT", "30"));
        assertThat(limits).isEqualTo(new ConnectionLimits(500, 50, Duration.ofSeconds(15), Duration.ofSeconds(30)));
        assertThat(ConnectionLimits.fromEnvironment(Map.of())).isEqualTo(ConnectionLimits.DEFAULTS);
        assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("ASSENT_HTTP_IDLE_TIMEOUT", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("ASSENT_HTTP_MAX_CONNECTIONS", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASSENT_HTTP_MAX_CONNECTIONS");
    }
}
