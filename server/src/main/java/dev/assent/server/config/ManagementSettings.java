package dev.assent.server.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the management endpoints ({@code /metrics}, {@code /health/live}, {@code /health/ready},
 * {@code /healthz}) are served. Without a port ({@link #DEFAULTS}) they are on the public listener.
 * With one ({@code ASSENT_MANAGEMENT_PORT}) they are served only on that listener, bound to
 * {@code ASSENT_MANAGEMENT_HOST} (default: the public listener's host), and the public listener
 * answers 404 for them, as Keycloak's management interface does: metrics and probes stay off the
 * address clients and the internet reach.
 *
 * @param port the management listener's port (0: any free one, for tests); empty: none
 * @param host the management listener's address; empty: the public listener's
 */
public record ManagementSettings(OptionalInt port, Optional<String> host) {

    public static final ManagementSettings DEFAULTS = new ManagementSettings(OptionalInt.empty(), Optional.empty());

    public ManagementSettings {
        Objects.requireNonNull(port);
        Objects.requireNonNull(host);
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("the management port must be 0 to 65535, not " + port.getAsInt());
        }
        host.ifPresent(h -> {
            if (h.isBlank()) {
                throw new IllegalArgumentException("the management host must not be blank");
            }
        });
    }

    /** {@code ASSENT_MANAGEMENT_PORT} (1 to 65535) and {@code ASSENT_MANAGEMENT_HOST}; errors name the variable and value. */
    public static ManagementSettings fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** {@code ASSENT_MANAGEMENT_PORT} (1 to 65535) and {@code ASSENT_MANAGEMENT_HOST}; errors name the variable and value. */
    public static ManagementSettings from(ConfigSource config) {
        OptionalInt port = config.optionalPort(ConfigKey.MANAGEMENT_PORT, 1);
        Optional<String> host = config.string(ConfigKey.MANAGEMENT_HOST);
        if (host.isPresent() && port.isEmpty()) {
            throw new IllegalArgumentException("ASSENT_MANAGEMENT_HOST is set but ASSENT_MANAGEMENT_PORT is not");
        }
        return new ManagementSettings(port, host);
    }

    /** A separate management listener on {@code value} (0: any free port). */
    public ManagementSettings withPort(int value) {
        return new ManagementSettings(OptionalInt.of(value), host);
    }

    public ManagementSettings withHost(String value) {
        return new ManagementSettings(port, Optional.of(value));
    }
}
