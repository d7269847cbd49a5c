package dev.assent.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SHORT = Pattern.compile("(\\d{1,7})(ms|s|m|h)");

    /** The log line formats. */
    public enum LogFormat {
        TEXT, JSON;

        /** The name {@code logback.xml} selects its appender by. */
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
        return new ProcessSettings(logFormat(env), Optional.ofNullable(env.get(SHUTDOWN_GRACE_VARIABLE))
                .map(ProcessSettings::grace).orElse(DEFAULT_SHUTDOWN_GRACE));
    }

    /** {@code ASSENT_LOG_FORMAT} alone, as {@code Main} needs it before anything logs. */
    public static LogFormat logFormat(Map<String, String> env) {
        String value = env.get(LOG_FORMAT_VARIABLE);
        if (value == null) {
            return LogFormat.TEXT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("invalid " + LOG_FORMAT_VARIABLE + "='" + value + "': expected text or json");
        };
    }

    private static Duration grace(String value) {
        Duration grace = parse(value.trim());
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
            throw new IllegalArgumentException("invalid " + SHUTDOWN_GRACE_VARIABLE + "='" + value
                    + "': expected a duration of at most 1h such as 20s, 500ms, 2m or PT20S");
        }
        return grace;
    }

    private static Duration parse(String value) {
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
