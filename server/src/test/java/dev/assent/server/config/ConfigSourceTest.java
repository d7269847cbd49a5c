package dev.assent.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSourceTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("assent.properties"), text);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = file("ASSENT_PORT=7000\nASSENT_HOST=10.0.0.1\nASSENT_DATA_DIR=/from/file\n");
        ConfigSource config = ConfigSource.load(Map.of("ASSENT_PORT", "9000"),
                Map.of("ASSENT_CONFIG_FILE", file.toString(), "ASSENT_PORT", "8000", "ASSENT_HOST", "127.0.0.2"));

        assertThat(config.port(ConfigKey.PORT, 0, 8080)).isEqualTo(9000);
        assertThat(config.origin(ConfigKey.PORT)).contains(ConfigSource.Origin.FLAG);
        assertThat(config.string(ConfigKey.HOST)).contains("127.0.0.2");
        assertThat(config.origin(ConfigKey.HOST)).contains(ConfigSource.Origin.ENV);
        assertThat(config.string(ConfigKey.DATA_DIR)).contains("/from/file");
        assertThat(config.origin(ConfigKey.DATA_DIR)).contains(ConfigSource.Origin.FILE);
        assertThat(config.string(ConfigKey.PUBLIC_URL)).isEmpty();
    }

    @Test
    void theConfigFlagBeatsTheConfigVariable() throws Exception {
        Path flagged = file("ASSENT_PORT=7001\n");
        Path other = Files.writeString(dir.resolve("other.properties"), "ASSENT_PORT=7002\n");
        ConfigSource config = ConfigSource.load(Map.of("ASSENT_CONFIG_FILE", flagged.toString()),
                Map.of("ASSENT_CONFIG_FILE", other.toString()));
        assertThat(config.port(ConfigKey.PORT, 0, 8080)).isEqualTo(7001);
    }

    @Test
    void theWholeTreeLoadsFromAFileAlone() throws Exception {
        Path file = file("""
                # a production node
                ASSENT_DATA_DIR=%s
                ASSENT_PUBLIC_URL=https://verify.example.com
                ASSENT_PORT=9443
                ASSENT_HTTP_IDLE_TIMEOUT=30
                ASSENT_SHUTDOWN_GRACE=5s
                ASSENT_RETENTION_CHALLENGES=off
                ASSENT_MANAGEMENT_PORT=9000
                """.formatted(dir));
        ServerConfig config = ServerConfig.from(ConfigSource.load(Map.of(), Map.of("ASSENT_CONFIG_FILE", file.toString())), false, true);

        assertThat(config.port()).isEqualTo(9443);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.publicUrl()).contains(URI.create("https://verify.example.com"));
        assertThat(config.settings().http().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.settings().process().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.settings().workers().stopGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.settings().retention().challenges()).isEmpty();
        assertThat(config.settings().management().port()).hasValue(9000);
    }

    @Test
    void anUnknownKeyInTheFileIsRefusedNamingItAndTheFile() throws Exception {
        Path file = file("ASSENT_PROT=9000\n");
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), Map.of("ASSENT_CONFIG_FILE", file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ASSENT_CONFIG_FILE: " + file + " has the key 'ASSENT_PROT', which is not a configuration variable "
                        + "(see the configuration reference in README)");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigSource.load(Map.of(), Map.of("ASSENT_CONFIG_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ASSENT_CONFIG_FILE: cannot read " + missing);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ASSENT_PORT | abc | invalid ASSENT_PORT='abc': expected a port number (0 to 65535)",
        "ASSENT_PORT | 65536 | invalid ASSENT_PORT='65536': expected a port number (0 to 65535)",
        "ASSENT_PORT | '' | invalid ASSENT_PORT='': expected a port number (0 to 65535)",
        "ASSENT_DATABASE_URL | jdbc:mysql://db/assent | invalid ASSENT_DATABASE_URL='jdbc:mysql://db/assent': expected a PostgreSQL JDBC URL (jdbc:postgresql://host/db)",
        "ASSENT_DATABASE_POOL_SIZE | 0 | invalid ASSENT_DATABASE_POOL_SIZE='0': expected a whole number from 1 to 200",
        "ASSENT_PUBLIC_URL | verify.example.com | invalid ASSENT_PUBLIC_URL='verify.example.com': expected an absolute http(s) URL",
        "ASSENT_PUBLIC_URL | https://x.example.com/v2 | invalid ASSENT_PUBLIC_URL='https://x.example.com/v2': expected an absolute http(s) URL without a path (the API lives at /v2)",
        "ASSENT_CONSOLE | yes | invalid ASSENT_CONSOLE='yes': expected true or false",
        "ASSENT_SHUTDOWN_GRACE | soon | invalid ASSENT_SHUTDOWN_GRACE='soon': expected a duration from 0 to 1h such as 500ms, 20s, 10m, 24h, 30d or PT20S",
        "ASSENT_APNS_PORT | 44three | invalid ASSENT_APNS_PORT='44three': expected a port number (1 to 65535)",
        "ASSENT_FCM_URL | ftp://fcm | invalid ASSENT_FCM_URL='ftp://fcm': expected an absolute http(s) URL",
        "ASSENT_PUSH_POLL_MILLIS | 1s | invalid ASSENT_PUSH_POLL_MILLIS='1s': expected a whole number from 1 to 3600000",
        "ASSENT_HTTP_REQUEST_TIMEOUT | 0 | invalid ASSENT_HTTP_REQUEST_TIMEOUT='0': expected a whole number of at least 1",
        "ASSENT_TLS_RELOAD_INTERVAL | 1m | invalid ASSENT_TLS_RELOAD_INTERVAL='1m': expected a whole number from 1 to 3600",
        "ASSENT_OUTBOUND_ALLOW_HTTP | maybe | invalid ASSENT_OUTBOUND_ALLOW_HTTP='maybe': expected true or false",
        "ASSENT_RETENTION_DELIVERIES | 1w | invalid ASSENT_RETENTION_DELIVERIES='1w': expected a duration from 1s to 3650d such as 500ms, 20s, 10m, 24h, 30d or PT20S",
    })
    void eachBadValueIsOneMessageNamingTheVariableAndTheValue(String variable, String value, String message) {
        Map<String, String> merged = new java.util.HashMap<>(Map.of("ASSENT_DATA_DIR", dir.toString(),
                "ASSENT_PUBLIC_URL", "https://verify.example.com"));
        merged.put(variable, value);
        assertThatThrownBy(() -> ServerConfig.from(ConfigSource.of(merged), false, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ASSENT_PASSKEY_CHALLENGE_TTL | 0s",
        "ASSENT_PASSKEY_CHALLENGE_TTL | 999ms",
        "ASSENT_PASSKEY_CHALLENGE_TTL | 61m",
        "ASSENT_PASSKEY_CHALLENGE_TTL | -5s",
        "ASSENT_PASSKEY_REGISTRATION_TTL | 2h",
        "ASSENT_PASSKEY_REGISTRATION_TTL | 10",
    })
    void aPasskeysLifetimeOutsideOneSecondToAnHourIsRefusedAtStart(String variable, String value) {
        assertThatThrownBy(() -> ServerSettings.from(ConfigSource.of(Map.of(variable, value)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid " + variable + "='" + value + "': expected a duration from 1s to 1h such as 500ms, 20s, "
                        + "10m, 24h, 30d or PT20S");
    }

    @Test
    void thePasskeysLifetimesAreReadAndDefaultToFiveAndTenMinutes() {
        assertThat(ServerSettings.from(ConfigSource.of(Map.of()), false).passkeys())
                .isEqualTo(new dev.assent.server.passkey.PasskeyTimeouts(java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(10)));
        assertThat(ServerSettings.from(ConfigSource.of(Map.of("ASSENT_PASSKEY_CHALLENGE_TTL", "3s",
                "ASSENT_PASSKEY_REGISTRATION_TTL", "60m")), false).passkeys())
                .isEqualTo(new dev.assent.server.passkey.PasskeyTimeouts(java.time.Duration.ofSeconds(3), java.time.Duration.ofHours(1)));
    }

    @Test
    void aBadValueFromTheFileSaysSo() throws Exception {
        Path file = file("ASSENT_HTTP_MAX_CONNECTIONS=lots\n");
        ConfigSource config = ConfigSource.load(Map.of(), Map.of("ASSENT_CONFIG_FILE", file.toString()));
        assertThatThrownBy(() -> ServerSettings.from(config, false))
                .hasMessage("invalid ASSENT_HTTP_MAX_CONNECTIONS='lots' (from the config file): expected a whole number of at least 1");
    }

    @Test
    void aSecretsBadValueIsNotRepeated() {
        ConfigSource config = ConfigSource.of(Map.of("ASSENT_AUTH_TOKEN", "s3cr3t-token"));
        assertThat(config.invalid(ConfigKey.AUTH_TOKEN, "32 hex digits").getMessage())
                .isEqualTo("invalid ASSENT_AUTH_TOKEN='***': expected 32 hex digits");
    }

    @Test
    void theRedactedLineNamesEveryValueSetAndNoSecret() throws Exception {
        String key = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Path file = file("ASSENT_DATABASE_PASSWORD=file-password-1\n");
        ConfigSource config = ConfigSource.load(Map.of("ASSENT_PORT", "9000"), Map.of(
                "ASSENT_CONFIG_FILE", file.toString(),
                "ASSENT_DATABASE_URL", "jdbc:postgresql://db:5432/assent?user=assent&password=url-password-2&ssl=true",
                "ASSENT_ENCRYPTION_KEYS", key,
                "ASSENT_AUTH_TOKEN", "auth-token-3",
                "ASSENT_LIMIT_TOTP_LOCKOUT", "5"));

        String line = config.redacted();

        assertThat(line).contains("ASSENT_PORT=9000 (flag)", "ASSENT_LIMIT_TOTP_LOCKOUT=5 (env)",
                "ASSENT_DATABASE_PASSWORD=*** (file)", "ASSENT_ENCRYPTION_KEYS=*** (env)", "ASSENT_AUTH_TOKEN=*** (env)",
                "ASSENT_DATABASE_URL=jdbc:postgresql://db:5432/assent?user=assent&password=***&ssl=true (env)");
        assertThat(line).doesNotContain("file-password-1", "url-password-2", "auth-token-3", key.substring(3)).doesNotContain("\n");
        assertThat(ConfigSource.of(Map.of("ASSENT_DATABASE_URL", "jdbc:postgresql://assent:hunter2@db/assent")).redacted())
                .contains("//assent:***@db/assent").doesNotContain("hunter2");
        assertThat(ConfigSource.of(Map.of()).redacted()).isEqualTo("all defaults");
    }

    @Test
    void everySecretIsDeclaredSo() {
        assertThat(ConfigKey.DATABASE_PASSWORD.secret()).isTrue();
        assertThat(ConfigKey.ENCRYPTION_KEYS.secret()).isTrue();
        assertThat(ConfigKey.AUTH_TOKEN.secret()).isTrue();
        assertThat(ConfigKey.DATABASE_USER.secret()).isFalse();
    }

    @Test
    void durationsTakeOneSyntax() {
        ConfigSource config = ConfigSource.of(Map.of("ASSENT_SHUTDOWN_GRACE", "PT1M", "ASSENT_RETENTION_INTERVAL", " 90s "));
        assertThat(config.duration(ConfigKey.SHUTDOWN_GRACE, Duration.ZERO, Duration.ofHours(1), Duration.ZERO))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(config.duration(ConfigKey.RETENTION_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(1), Duration.ZERO))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration(ConfigKey.TLS_RELOAD_INTERVAL, Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(7)))
                .isEqualTo(Duration.ofSeconds(7));
    }
}
