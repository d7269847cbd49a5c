package dev.assent.server.push;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where push goes and how the delivery worker paces itself. The hosts and URLs are configurable so
 * tests (and air-gapped setups) can point them at local peers.
 *
 * @param apnsProductionHost  APNs host for credentials with {@code Sandbox=false} (ASSENT_APNS_HOST)
 * @param apnsSandboxHost     APNs host for credentials with {@code Sandbox=true} (ASSENT_APNS_SANDBOX_HOST)
 * @param apnsPort            APNs port (ASSENT_APNS_PORT)
 * @param apnsTrustedCertificate PEM file of the CA to trust for APNs instead of the JDK's
 *                            (ASSENT_APNS_TRUSTED_CERTIFICATE; for a local APNs peer)
 * @param fcmUrl              base URL of the FCM HTTP v1 API (ASSENT_FCM_URL)
 * @param fcmTokenUrl         Google's OAuth 2.0 token endpoint for FCM service accounts (ASSENT_FCM_TOKEN_URL);
 *                            operator configuration only: a service account's own {@code token_uri} is
 *                            ignored, since it is tenant input and would make the server POST anywhere
 * @param pollInterval        how often an idle worker looks for due jobs (ASSENT_PUSH_POLL_MILLIS)
 * @param lease               how long a claimed job is reserved for the node sending it
 */
public record PushConfig(
        String apnsProductionHost,
        String apnsSandboxHost,
        int apnsPort,
        Optional<Path> apnsTrustedCertificate,
        URI fcmUrl,
        URI fcmTokenUrl,
        Duration pollInterval,
        Duration lease) {

    public static final String DEFAULT_APNS_HOST = "api.push.apple.com";
    public static final String DEFAULT_APNS_SANDBOX_HOST = "api.sandbox.push.apple.com";
    public static final int DEFAULT_APNS_PORT = 443;
    public static final URI DEFAULT_FCM_URL = URI.create("https://fcm.googleapis.com");
    public static final URI DEFAULT_FCM_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    public static final PushConfig DEFAULT = new PushConfig(DEFAULT_APNS_HOST, DEFAULT_APNS_SANDBOX_HOST, DEFAULT_APNS_PORT,
            Optional.empty(), DEFAULT_FCM_URL, DEFAULT_FCM_TOKEN_URL, DEFAULT_POLL_INTERVAL, DEFAULT_LEASE);

    public PushConfig {
        if (apnsPort <= 0 || apnsPort > 65535) {
            throw new IllegalArgumentException("ASSENT_APNS_PORT must be a port number");
        }
        if (!fcmUrl.isAbsolute()) {
            throw new IllegalArgumentException("ASSENT_FCM_URL must be an absolute URL");
        }
        if (!fcmTokenUrl.isAbsolute()) {
            throw new IllegalArgumentException("ASSENT_FCM_TOKEN_URL must be an absolute URL");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("push poll interval and lease must be positive");
        }
    }

    /** Reads the ASSENT_APNS_* / ASSENT_FCM_URL / ASSENT_FCM_TOKEN_URL / ASSENT_PUSH_POLL_MILLIS variables over the defaults. */
    public static PushConfig fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static PushConfig from(ConfigSource config) {
        String apnsHost = config.string(ConfigKey.APNS_HOST).orElse(DEFAULT_APNS_HOST);
        return new PushConfig(
                apnsHost,
                config.string(ConfigKey.APNS_SANDBOX_HOST).orElse(config.string(ConfigKey.APNS_HOST).orElse(DEFAULT_APNS_SANDBOX_HOST)),
                config.port(ConfigKey.APNS_PORT, 1, DEFAULT_APNS_PORT),
                config.path(ConfigKey.APNS_TRUSTED_CERTIFICATE),
                config.url(ConfigKey.FCM_URL).orElse(DEFAULT_FCM_URL),
                config.url(ConfigKey.FCM_TOKEN_URL).orElse(DEFAULT_FCM_TOKEN_URL),
                Duration.ofMillis(config.integer(ConfigKey.PUSH_POLL_MILLIS, 1, 3_600_000, (int) DEFAULT_POLL_INTERVAL.toMillis())),
                DEFAULT_LEASE);
    }

    /**
     * Everything pointed at local peers: one APNs host and port for both environments, and an FCM URL
     * that also serves the token endpoint at {@code /token}.
     */
    public static PushConfig local(int apnsPort, Optional<Path> apnsTrustedCertificate, URI fcmUrl, Duration pollInterval) {
        return new PushConfig("127.0.0.1", "127.0.0.1", apnsPort, apnsTrustedCertificate, fcmUrl,
                URI.create(fcmUrl.toString().replaceAll("/+$", "") + "/token"), pollInterval, DEFAULT_LEASE);
    }
}
