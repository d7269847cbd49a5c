package dev.assent.server.http;

import dev.assent.server.api.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates on the wire. Out: {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC without fraction, the only shape
 * both mobile SDKs parse. In: ISO 8601 with {@code Z}, with an offset, or with none (read as UTC,
 * because twilio-java 13 sends {@code ExpirationDate} that way), fractions allowed.
 */
final class Dates {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** RFC 1123 as HTTP writes it, two-digit day: {@code Thu, 15 Jan 2026 10:00:00 GMT}. */
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** RFC 2822, as Twilio's 2010 API writes dates: {@code Tue, 01 Dec 2026 10:00:00 +0000}. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Dates() {
    }

    static String format(Instant instant) {
        return OUT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A date in a 2010-API resource (Keys), which twilio-java parses as RFC 2822. */
    static String rfc2822(Instant instant) {
        return RFC_2822.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The value of an HTTP {@code Date} header. */
    static String httpDate(Instant instant) {
        return HTTP.format(instant);
    }

    static Instant parse(String parameter, String value) {
        if (value.length() > 40) {
            throw ApiException.invalidParameter(parameter, value, "must be an ISO 8601 date-time");
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException local) {
                throw ApiException.invalidParameter(parameter, value, "must be an ISO 8601 date-time");
            }
        }
    }
}
