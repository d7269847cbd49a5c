package dev.assent.server.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception domain code throws for a client-visible failure. Only the http package turns it
 * into a Twilio error body.
 */
public class ApiException extends RuntimeException {

    private final ApiError error;
    private final Optional<Duration> retryAfter;

    public ApiException(ApiError error, String detail) {
        this(error, detail, Optional.empty());
    }

    /** A refusal that lifts by itself after {@code retryAfter} (rendered as the {@code Retry-After} header). */
    public ApiException(ApiError error, String detail, Duration retryAfter) {
        this(error, detail, Optional.of(retryAfter));
    }

    /** With a {@code Retry-After} for a time-based limit: when the same request may succeed. */
    public ApiException(ApiError error, String detail, Optional<Duration> retryAfter) {
        super(detail == null ? error.message() : detail, null, false, false);
        this.error = Objects.requireNonNull(error);
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    public ApiException(ApiError error) {
        this(error, null);
    }

    /** An invalid-parameter error that names the parameter and quotes the offending value. */
    public static ApiException invalidParameter(String parameter, String value, String rule) {
        String quoted = value == null ? "" : " '" + abbreviate(value) + "'";
        return new ApiException(ApiError.INVALID_PARAMETER,
                "Invalid parameter " + parameter + quoted + ": " + rule);
    }

    /** A missing-parameter error that names the parameter. */
    public static ApiException missingParameter(String parameter) {
        return new ApiException(ApiError.INVALID_PARAMETER, "Missing required parameter " + parameter);
    }

    public ApiError error() {
        return error;
    }

    /** How long the client should wait before retrying, for a time-based limit. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    private static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 61) + "...";
    }
}
