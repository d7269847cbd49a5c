package dev.assent.server.tls;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the listener speaks TLS, and with which files.
 *
 * @param certificate   the PEM certificate chain, leaf first ({@code ASSENT_TLS_CERT})
 * @param privateKey    the PEM private key of the leaf: PKCS#8 ({@code BEGIN PRIVATE KEY}), or the older
 *                      PKCS#1 RSA and SEC1 EC forms; not encrypted ({@code ASSENT_TLS_KEY})
 * @param reloadCheck   how often the two files are read again; changed contents that load are served to
 *                      new connections without a restart ({@code ASSENT_TLS_RELOAD_INTERVAL}, seconds)
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> privateKey, Duration reloadCheck) {

    public static final String CERT_VARIABLE = "ASSENT_TLS_CERT";
    public static final String KEY_VARIABLE = "ASSENT_TLS_KEY";
    public static final String RELOAD_VARIABLE = "ASSENT_TLS_RELOAD_INTERVAL";
    public static final Duration DEFAULT_RELOAD_CHECK = Duration.ofSeconds(10);

    /** Plain HTTP. */
    public static final TlsSettings NONE = new TlsSettings(Optional.empty(), Optional.empty(), DEFAULT_RELOAD_CHECK);

    public TlsSettings {
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(privateKey);
        Objects.requireNonNull(reloadCheck);
        if (certificate.isPresent() != privateKey.isPresent()) {
            String set = certificate.isPresent() ? CERT_VARIABLE : KEY_VARIABLE;
            String unset = certificate.isPresent() ? KEY_VARIABLE : CERT_VARIABLE;
            throw new IllegalArgumentException(set + " is set but " + unset + " is not: TLS needs both PEM files (or neither)");
        }
        if (reloadCheck.compareTo(Duration.ofSeconds(1)) < 0 || reloadCheck.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(RELOAD_VARIABLE + " must be 1 to 3600 seconds, not " + reloadCheck.toSeconds());
        }
    }

    /** A listener with TLS from these files, checked for changes every {@link #DEFAULT_RELOAD_CHECK}. */
    public static TlsSettings of(Path certificate, Path privateKey) {
        return new TlsSettings(Optional.of(certificate), Optional.of(privateKey), DEFAULT_RELOAD_CHECK);
    }

    /** {@code ASSENT_TLS_CERT}, {@code ASSENT_TLS_KEY} (both or neither) and {@code ASSENT_TLS_RELOAD_INTERVAL}. */
    public static TlsSettings fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static TlsSettings from(ConfigSource config) {
        Duration check = Duration.ofSeconds(config.integer(ConfigKey.TLS_RELOAD_INTERVAL, 1, 3600, (int) DEFAULT_RELOAD_CHECK.toSeconds()));
        return new TlsSettings(config.path(ConfigKey.TLS_CERT), config.path(ConfigKey.TLS_KEY), check);
    }

    public boolean enabled() {
        return certificate.isPresent();
    }

    public TlsSettings withReloadCheck(Duration value) {
        return new TlsSettings(certificate, privateKey, value);
    }
}
