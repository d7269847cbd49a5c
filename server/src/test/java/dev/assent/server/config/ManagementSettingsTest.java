package dev.assent.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementSettingsTest {

    @Test
    void noPortByDefault() {
        assertThat(ManagementSettings.fromEnvironment(Map.of())).isEqualTo(ManagementSettings.DEFAULTS);
        assertThat(ServerSettings.fromEnvironment(Map.of(), false).management().port()).isEmpty();
    }

    @Test
    void portAndHostFromTheEnvironment() {
        ManagementSettings settings = ServerSettings.fromEnvironment(Map.of("ASSENT_MANAGEMENT_PORT", " 9000 ",
                "ASSENT_MANAGEMENT_HOST", "127.0.0.2"), false).management();
        assertThat(settings.port().getAsInt()).isEqualTo(9000);
        assertThat(settings.host()).contains("127.0.0.2");
    }

    @Test
    void badValuesNameTheVariableAndTheValue() {
        assertThatThrownBy(() -> ManagementSettings.fromEnvironment(Map.of("ASSENT_MANAGEMENT_PORT", "abc")))
                .hasMessage("invalid ASSENT_MANAGEMENT_PORT='abc': expected a port number (1 to 65535)");
        assertThatThrownBy(() -> ManagementSettings.fromEnvironment(Map.of("ASSENT_MANAGEMENT_PORT", "0")))
                .hasMessageContaining("ASSENT_MANAGEMENT_PORT").hasMessageContaining("'0'");
        assertThatThrownBy(() -> ManagementSettings.fromEnvironment(Map.of("ASSENT_MANAGEMENT_PORT", "65536")))
                .hasMessageContaining("'65536'");
        assertThatThrownBy(() -> ManagementSettings.fromEnvironment(Map.of("ASSENT_MANAGEMENT_HOST", "127.0.0.1")))
                .hasMessage("ASSENT_MANAGEMENT_HOST is set but ASSENT_MANAGEMENT_PORT is not");
    }
}
