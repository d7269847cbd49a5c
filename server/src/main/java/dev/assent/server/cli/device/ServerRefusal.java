package dev.assent.server.cli.device;

/**
 * The server answered with an error: its HTTP status and, when the body is a Twilio error
 * ({@code {"code":…,"message":…}}), the Twilio code and message. Exit code 1.
 */
final class ServerRefusal extends DeviceCliException {

    private final int httpStatus;
    private final int code;

    ServerRefusal(int httpStatus, int code, String serverMessage) {
        super(REFUSED, describe(httpStatus, code, serverMessage));
        this.httpStatus = httpStatus;
        this.code = code;
    }

    private static String describe(int httpStatus, int code, String serverMessage) {
        if (code == 0) {
            return "the server refused: HTTP " + httpStatus + (serverMessage == null ? "" : " (" + serverMessage + ")");
        }
        return "the server refused: " + code + " " + serverMessage + " (HTTP " + httpStatus
                + ", https://www.twilio.com/docs/errors/" + code + ")";
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The Twilio error code, or 0 when the body was not a Twilio error. */
    int code() {
        return code;
    }
}
