package dev.assent.server.cli;

import dev.assent.server.config.ConfigSource;
import java.time.Duration;
import picocli.CommandLine;

/**
 * A picocli converter for durations as people type them ({@code 1s}, {@code 500ms}, {@code 2m},
 * {@code 1h}), or ISO-8601 ({@code PT30S}), which is all picocli reads by itself: the configuration's
 * syntax ({@link ConfigSource#parseDuration}). Shared by the device CLI and the benchmark.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration parsed = ConfigSource.parseDuration(value.trim());
        if (parsed == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 1s, 500ms or 2m");
        }
        return parsed;
    }
}
