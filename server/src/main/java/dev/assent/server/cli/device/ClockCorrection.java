package dev.assent.server.cli.device;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The device's idea of the server's time: the local clock plus a whole-second offset learnt from the
 * {@code Date} header of a 401, as both SDKs do (docs/push-protocol.md §1). Not thread-safe; one per command.
 */
final class ClockCorrection {

    private final Clock local;
    private long offsetSeconds;

    ClockCorrection(Clock local, long offsetSeconds) {
        this.local = local;
        this.offsetSeconds = offsetSeconds;
    }

    /** The corrected time to put in {@code nbf}. */
    Instant now() {
        return local.instant().plusSeconds(offsetSeconds);
    }

    long offsetSeconds() {
        return offsetSeconds;
    }

    /**
     * Adopts {@code serverTime - localTime} as the offset.
     *
     * @return whether the offset changed
     */
    boolean correctTo(Instant serverTime) {
        long offset = serverTime.getEpochSecond() - local.instant().getEpochSecond();
        boolean changed = offset != offsetSeconds;
        offsetSeconds = offset;
        return changed;
    }

    /** An HTTP {@code Date} header value (RFC 1123, e.g. {@code Thu, 15 Jan 2026 10:00:00 GMT}), if it parses. */
    static Optional<Instant> parseHttpDate(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
