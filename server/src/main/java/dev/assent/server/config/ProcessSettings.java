package dev.assent.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the process logs and how it stops.
 *
 * @param logFormat     {@code ASSENT_LOG_FORMAT}: {@code text} (the default) or {@code json}, one JSON object per
 *                      line; applied by {@code Main} before logging starts
 * @param shutdownGrace {@code ASSENT_SHUTDOWN_GRACE}: how long a stopping server gives requests in flight and
 *                      worker sends to finish, after readiness went 503 and the listener stopped accepting
 */
public record ProcessSettings(LogFormat logFormat, Duration shutdownGrace) {

    public static final String LOG_FORMAT_VARIABLE = "ASSENT_LOG_FORMAT";
    public static final String SHUTDOWN_GRACE_VARIABLE = "ASSENT_SHUTDOWN_GRACE";
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** A grace longer than this is a typo, not a plan: a supervisor would kill the process long before. */
    public static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);

    public static final ProcessSettings DEFAULTS = new ProcessSettings(LogFormat.TEXT, DEFAULT_SHUTDOWN_GRACE);

    /** The log line formats. */
    public enum LogFormat {
        TEXT, JSON;

        /** The name {@code LogbackConfigurator} selects its encoder by (the system property {@code assent.log.format}). */
        public String appender() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProcessSettings {
        Objects.requireNonNull(logFormat);
        Objects.requireNonNull(shutdownGrace);
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
            throw new IllegalArgumentException("the shutdown grace must be 0 to " + MAX_SHUTDOWN_GRACE.toMinutes() + " minutes, not "
                    + shutdownGrace);
        }
    }

    /** Reads {@code ASSENT_LOG_FORMAT} and {@code ASSENT_SHUTDOWN_GRACE}; unset variables keep their defaults. */
    public static ProcessSettings fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** Reads {@code ASSENT_LOG_FORMAT} and {@code ASSENT_SHUTDOWN_GRACE} (0 to 1h); unset variables keep their defaults. */
    public static ProcessSettings from(ConfigSource config) {
        return new ProcessSettings(logFormat(config),
                config.duration(ConfigKey.SHUTDOWN_GRACE, Duration.ZERO, MAX_SHUTDOWN_GRACE, DEFAULT_SHUTDOWN_GRACE));
    }

    /** {@code ASSENT_LOG_FORMAT} alone, as {@code Main} needs it before anything logs. */
    public static LogFormat logFormat(Map<String, String> env) {
        return logFormat(ConfigSource.of(env));
    }

    /** {@code ASSENT_LOG_FORMAT} of the loaded configuration. */
    public static LogFormat logFormat(ConfigSource config) {
        Optional<String> value = config.raw(ConfigKey.LOG_FORMAT);
        if (value.isEmpty()) {
            return LogFormat.TEXT;
        }
        return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("invalid " + LOG_FORMAT_VARIABLE + "='" + value.get() + "': expected text or json");
        };
    }
}
