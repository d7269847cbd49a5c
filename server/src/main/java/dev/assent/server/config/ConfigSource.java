package dev.assent.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration values of one start, loaded once: command-line flags over the environment over an
 * optional properties file ({@code --config} / {@code ASSENT_CONFIG_FILE}) whose keys are the same
 * {@code ASSENT_*} names. Read only by {@link ConfigKey}, through typed getters whose errors name the
 * variable and the bad value (a secret's value is never repeated), so every {@code from(ConfigSource)}
 * parses the same way and a bad value stops the start before the port or the database is opened.
 */
public final class ConfigSource {

    /** Where a value came from, as the start line shows it. */
    public enum Origin {
        FLAG, ENV, FILE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Value(String text, Origin origin) {
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final Map<ConfigKey, Value> values;

    private ConfigSource(Map<ConfigKey, Value> values) {
        this.values = values;
    }

    /** The environment alone (no flags, no file): what the {@code fromEnvironment(Map)} helpers and tests read. */
    public static ConfigSource of(Map<String, String> env) {
        Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
        put(values, env, Origin.ENV);
        return new ConfigSource(values);
    }

    /**
     * Flags over the environment over the file that {@code --config} or {@code ASSENT_CONFIG_FILE} names, if any.
     *
     * @param flags the flags given, by the variable they override (e.g. {@code ASSENT_PORT -> "9000"})
     * @throws IllegalArgumentException naming the file, when it cannot be read or has a key that is no {@link ConfigKey}
     */
    public static ConfigSource load(Map<String, String> flags, Map<String, String> env) {
        Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
        String file = flags.getOrDefault(ConfigKey.CONFIG_FILE.variable(), env.get(ConfigKey.CONFIG_FILE.variable()));
        if (file != null && !file.isBlank()) {
            put(values, readFile(Path.of(file.strip())), Origin.FILE);
        }
        put(values, env, Origin.ENV);
        put(values, flags, Origin.FLAG);
        return new ConfigSource(values);
    }

    private static void put(Map<ConfigKey, Value> values, Map<String, String> source, Origin origin) {
        for (ConfigKey key : ConfigKey.values()) {
            String text = source.get(key.variable());
            if (text != null) {
                values.put(key, new Value(text, origin));
            }
        }
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(ConfigKey.CONFIG_FILE.variable() + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Map<String, String> entries = new java.util.HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (ConfigKey.byVariable(name).isEmpty() || name.equals(ConfigKey.CONFIG_FILE.variable())) {
                throw new IllegalArgumentException(ConfigKey.CONFIG_FILE.variable() + ": " + file + " has the key '" + name
                        + "', which is not a configuration variable (see the configuration reference in README)");
            }
            entries.put(name, properties.getProperty(name));
        }
        return entries;
    }

    /** The value as given (untrimmed), if any source sets it. */
    public Optional<String> raw(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(Value::text);
    }

    /** The value trimmed, empty when unset or blank (text and paths only: a typed getter refuses a blank value). */
    public Optional<String> string(ConfigKey key) {
        return raw(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The value trimmed, if set: a typed getter refuses a blank one rather than guess it means unset. */
    private Optional<String> typed(ConfigKey key) {
        return raw(key).map(String::strip);
    }

    public Optional<Origin> origin(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(Value::origin);
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when unset or blank. */
    public int integer(ConfigKey key, int min, int max, int fallback) {
        OptionalInt value = optionalInteger(key, min, max);
        return value.isPresent() ? value.getAsInt() : fallback;
    }

    /** A whole number from {@code min} to {@code max}, if set. */
    public OptionalInt optionalInteger(ConfigKey key, int min, int max) {
        Optional<String> text = typed(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        String expected = max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw invalid(key, expected);
        }
        if (value < min || value > max) {
            throw invalid(key, expected);
        }
        return OptionalInt.of((int) value);
    }

    /** A port from {@code min} (0 or 1) to 65535, or {@code fallback}. */
    public int port(ConfigKey key, int min, int fallback) {
        OptionalInt value = optionalPort(key, min);
        return value.isPresent() ? value.getAsInt() : fallback;
    }

    public OptionalInt optionalPort(ConfigKey key, int min) {
        Optional<String> text = typed(key);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= 65535) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw invalid(key, "a port number (" + min + " to 65535)");
    }

    /**
     * A duration such as {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601 {@code PT20S},
     * from {@code min} to {@code max}, or {@code fallback} when unset or blank.
     */
    public Duration duration(ConfigKey key, Duration min, Duration max, Duration fallback) {
        return optionalDuration(key, min, max).orElse(fallback);
    }

    public Optional<Duration> optionalDuration(ConfigKey key, Duration min, Duration max) {
        Optional<String> text = typed(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration value = parseDuration(text.get());
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(key, "a duration from " + show(min) + " to " + show(max) + " such as 500ms, 20s, 10m, 24h, 30d or PT20S");
        }
        return Optional.of(value);
    }

    /** {@code true} or {@code false} (any case), or {@code fallback} when unset or blank. */
    public boolean bool(ConfigKey key, boolean fallback) {
        Optional<String> text = typed(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "true or false");
        };
    }

    /** An absolute http(s) URL, if set. */
    public Optional<URI> url(ConfigKey key) {
        return typed(key).map(text -> {
            try {
                URI uri = new URI(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // said below
            }
            throw invalid(key, "an absolute http(s) URL");
        });
    }

    public Optional<Path> path(ConfigKey key) {
        return string(key).map(text -> {
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw invalid(key, "a file path");
            }
        });
    }

    /**
     * The error for a bad value of {@code key}: {@code invalid NAME='VALUE': expected EXPECTED} (a secret's
     * value shown as {@code ***}), one line, as {@code assent: …} prints it with exit status 2.
     */
    public IllegalArgumentException invalid(ConfigKey key, String expected) {
        String value = raw(key).orElse("");
        String shown = key.secret() ? "***" : value.replaceAll("\\p{Cntrl}", "?");
        String from = origin(key).filter(o -> o != Origin.ENV).map(o -> " (from the " + (o == Origin.FLAG ? "flag "
                + key.flag().orElse("") : "config file") + ")").orElse("");
        return new IllegalArgumentException("invalid " + key.variable() + "='" + shown + "'" + from + ": expected " + expected);
    }

    /**
     * The values set, one {@code NAME=value (origin)} each, secrets as {@code ***} and a password inside a
     * database URL too: the configuration line {@code serve} and {@code dev} log at start.
     */
    public String redacted() {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key.variable() + "=" + redact(key, value.text()) + " (" + value.origin().label() + ")"));
        return parts.isEmpty() ? "all defaults" : String.join(", ", parts);
    }

    private static String redact(ConfigKey key, String value) {
        if (key.secret()) {
            return "***";
        }
        if (key == ConfigKey.DATABASE_URL) {
            return value.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
        }
        return value.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * A duration as people type it ({@code 500ms}, {@code 20s}, {@code 10m}, {@code 24h}, {@code 30d}) or
     * ISO-8601 ({@code PT20S}); null when {@code value} is neither. The one duration syntax of the
     * configuration and of the command-line flags.
     */
    public static Duration parseDuration(String value) {
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String show(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
