package dev.assent.server.device;

import java.util.Objects;

/**
 * Why a device JWT was refused (docs/push-protocol.md §4). The caller answers 401 with a {@code Date}
 * header and a JSON body whatever the reason, so that the SDK can correct its clock and retry (§1);
 * the reason is for logs and metrics. The message never contains the token or any claim value.
 */
public final class DeviceAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Reason {
        /** Not a compact JWS of JSON objects, oversized, or a signed claim of the wrong type. */
        MALFORMED,
        /** {@code alg} is not {@code ES256} (this includes {@code none} and HMAC algorithms). */
        UNSUPPORTED_ALGORITHM,
        /** {@code cty} is not {@code twilio-pba;v=1}. */
        WRONG_CONTENT_TYPE,
        /** No {@code kid}, so no factor to look up. */
        MISSING_KEY_ID,
        /** The signature does not verify with the factor's key. */
        BAD_SIGNATURE,
        /** {@code sub} is not the factor's account SID. */
        WRONG_SUBJECT,
        /** {@code nbf} is later than now plus the allowed skew. */
        NOT_YET_VALID,
        /** {@code exp} plus the allowed skew is not after now. */
        EXPIRED,
        /** {@code exp - nbf} is more than an hour; the SDKs use ten minutes. */
        LIFETIME_TOO_LONG
    }

    private final Reason reason;

    DeviceAuthException(Reason reason, String message) {
        // No stack trace: these are routine answers to untrusted input, not bugs, and can come in floods.
        super(reason + ": " + message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
