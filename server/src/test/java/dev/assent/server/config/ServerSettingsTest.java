package dev.assent.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.outbound.Cidr;
import dev.assent.server.outbound.OutboundSettings;
import dev.assent.server.push.PushConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment reaches the outbound policy and the FCM token endpoint through one settings record. */
class ServerSettingsTest {

    @Test
    void serveIsStrictAndDevAllowsThisMachineByDefault() {
        assertThat(ServerSettings.DEFAULTS.outbound()).isEqualTo(OutboundSettings.STRICT);
        assertThat(ServerSettings.fromEnvironment(Map.of(), false).outbound()).isEqualTo(OutboundSettings.STRICT);
        assertThat(ServerSettings.fromEnvironment(Map.of(), true).outbound()).isEqualTo(OutboundSettings.DEV);
    }

    @Test
    void theOutboundVariablesAreRead() {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW", "10.20.0.0/16",
                "ASSENT_OUTBOUND_ALLOW_HTTP", "true"), false);
        assertThat(settings.outbound().allow()).containsExactly(Cidr.parse("10.20.0.0/16"));
        assertThat(settings.outbound().allowHttp()).isTrue();
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("ASSENT_OUTBOUND_ALLOW", "10.20.0.0/40"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASSENT_OUTBOUND_ALLOW='10.20.0.0/40'");
        assertThat(ServerSettings.DEFAULTS.withOutbound(OutboundSettings.DEV).outbound()).isEqualTo(OutboundSettings.DEV);
    }

    @Test
    void theFcmTokenEndpointIsOperatorConfiguration() {
        assertThat(ServerSettings.fromEnvironment(Map.of(), false).push().fcmTokenUrl())
                .isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(ServerSettings.fromEnvironment(Map.of("ASSENT_FCM_TOKEN_URL", "https://oauth.proxy.example/token"), false)
                .push().fcmTokenUrl()).isEqualTo(URI.create("https://oauth.proxy.example/token"));
        assertThat(PushConfig.local(443, Optional.empty(), URI.create("http://127.0.0.1:9000/"), Duration.ofSeconds(1))
                .fcmTokenUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/token"));
        assertThat(ServerSettings.DEFAULTS.push().fcmTokenUrl()).isEqualTo(PushConfig.DEFAULT_FCM_TOKEN_URL);
    }

    @Test
    void theTlsVariablesReachTheListenerSettings() {
        assertThat(ServerSettings.DEFAULTS.tls().enabled()).isFalse();
        assertThat(ServerSettings.fromEnvironment(Map.of(), false).tls().enabled()).isFalse();
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("ASSENT_TLS_CERT", "/etc/assent/cert.pem",
                "ASSENT_TLS_KEY", "/etc/assent/key.pem", "ASSENT_TLS_RELOAD_INTERVAL", "30"), false);
        assertThat(settings.tls().certificate()).contains(java.nio.file.Path.of("/etc/assent/cert.pem"));
        assertThat(settings.tls().privateKey()).contains(java.nio.file.Path.of("/etc/assent/key.pem"));
        assertThat(settings.tls().reloadCheck()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("ASSENT_TLS_KEY", "/etc/assent/key.pem"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASSENT_TLS_CERT is not");
    }
}
