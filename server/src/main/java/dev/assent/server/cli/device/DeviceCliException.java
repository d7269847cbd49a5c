package dev.assent.server.cli.device;

/**
 * A failure the device commands report as one line on stderr and an exit code, without a stack trace.
 * Messages never contain secrets (keys, tokens, JWTs).
 */
class DeviceCliException extends RuntimeException {

    /** Exit code: the server refused the request, answered something unusable, or could not be reached. */
    static final int REFUSED = 1;
    /** Exit code: bad command line, or a missing or unreadable device state file. */
    static final int USAGE = 2;

    private final int exitCode;

    DeviceCliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    DeviceCliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static DeviceCliException usage(String message) {
        return new DeviceCliException(USAGE, message);
    }

    static DeviceCliException refused(String message) {
        return new DeviceCliException(REFUSED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
