package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the Twilio errors twilio-java raises as {@link ApiException}. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** Runs {@code call}, expects an {@link ApiException} with this HTTP status and Twilio code. */
    static ApiException expectError(int httpStatus, int code, ThrowingCallable call) {
        ApiException error = expectApiException(call);
        assertThat(error.getStatusCode()).as("HTTP status of: %s", error.getMessage()).isEqualTo(httpStatus);
        assertThat(error.getCode()).as("Twilio error code of: %s", error.getMessage()).isEqualTo(code);
        assertThat(error.getMoreInfo()).as("more_info").isNotBlank();
        return error;
    }

    static ApiException expectApiException(ThrowingCallable call) {
        ApiException error = catchThrowableOfType(ApiException.class, call);
        assertThat(error).as("expected the server to reject the request with a Twilio error").isNotNull();
        return error;
    }
}
