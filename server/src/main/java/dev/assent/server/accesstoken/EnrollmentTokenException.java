package dev.assent.server.accesstoken;

import java.util.Objects;

/**
 * Why an enrollment token was refused. The caller answers 401 whatever the reason; the reason is for
 * logs. The message never contains the token or a claim value.
 */
public final class EnrollmentTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Reason {
        /** Not a compact JWS, oversized, or claims missing or of the wrong type. */
        MALFORMED,
        /** {@code alg} is not {@code HS256} (this includes {@code none} and every asymmetric algorithm). */
        UNSUPPORTED_ALGORITHM,
        /** {@code cty} is not {@code twilio-fpa;v=1}. */
        WRONG_CONTENT_TYPE,
        /** {@code kid} names no key this server signs with. */
        UNKNOWN_KEY,
        /** The MAC does not verify: the token was altered or signed with another key. */
        BAD_SIGNATURE,
        /** {@code exp} has passed. */
        EXPIRED
    }

    private final Reason reason;

    EnrollmentTokenException(Reason reason, String message) {
        // No stack trace: routine answers to untrusted input.
        super(reason + ": " + message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
