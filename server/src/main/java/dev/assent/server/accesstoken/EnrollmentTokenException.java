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
        MALFORMED("malformed"),
        /** {@code alg} is not {@code HS256} (this includes {@code none} and every asymmetric algorithm). */
        UNSUPPORTED_ALGORITHM("unsupported algorithm"),
        /** {@code cty} is not {@code twilio-fpa;v=1}. */
        WRONG_CONTENT_TYPE("wrong content type"),
        /** {@code kid} names no key this server signs with. */
        UNKNOWN_KEY("unknown key"),
        /** The MAC does not verify: the token was altered or signed with another key. */
        BAD_SIGNATURE("bad signature"),
        /** {@code exp} has passed. */
        EXPIRED("expired");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** The reason in words, as the 401's message says it: {@code bad signature}. */
        public String description() {
            return description;
        }
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
