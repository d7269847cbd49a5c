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
    private final Optional<String> parameter;

    public ApiException(ApiError error, String detail) {
        this(error, detail, Optional.empty());
    }

    /** A refusal that lifts by itself after {@code retryAfter} (rendered as the {@code Retry-After} header). */
    public ApiException(ApiError error, String detail, Duration retryAfter) {
        this(error, detail, Optional.of(retryAfter));
    }

    /** With a {@code Retry-After} for a time-based limit: when the same request may succeed. */
    public ApiException(ApiError error, String detail, Optional<Duration> retryAfter) {
        this(error, detail, retryAfter, Optional.empty());
    }

    private ApiException(ApiError error, String detail, Optional<Duration> retryAfter, Optional<String> parameter) {
        super(detail == null ? error.message() : detail, null, false, false);
        this.error = Objects.requireNonNull(error);
        this.retryAfter = Objects.requireNonNull(retryAfter);
        this.parameter = Objects.requireNonNull(parameter);
    }

    public ApiException(ApiError error) {
        this(error, null);
    }

    /**
     * An invalid-parameter error that names the parameter (by its wire name, which {@link #parameter()}
     * carries to {@code http}, where Twilio's code for that parameter is chosen) and quotes the offending value.
     */
    public static ApiException invalidParameter(String parameter, String value, String rule) {
        String quoted = value == null ? "" : " '" + abbreviate(value) + "'";
        return new ApiException(ApiError.INVALID_PARAMETER, "Invalid parameter " + parameter + quoted + ": " + rule,
                Optional.empty(), Optional.of(parameter));
    }

    /** A missing-parameter error that names the parameter (its wire name, as {@link #invalidParameter}). */
    public static ApiException missingParameter(String parameter) {
        return new ApiException(ApiError.INVALID_PARAMETER, "Missing required parameter " + parameter,
                Optional.empty(), Optional.of(parameter));
    }

    public ApiError error() {
        return error;
    }

    /** The wire name of the parameter an invalid- or missing-parameter error is about. */
    public Optional<String> parameter() {
        return parameter;
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
