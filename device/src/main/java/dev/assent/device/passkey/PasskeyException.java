package dev.assent.device.passkey;

/**
 * A ceremony the authenticator (or the browser in front of it) refuses, named as WebAuthn names the
 * {@code DOMException} a browser would reject {@code navigator.credentials.create()/get()} with.
 */
public final class PasskeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@code DOMException} name a browser would give. */
    public enum Kind {
        /** Malformed options (a missing challenge, a member that is not base64url). */
        TYPE_ERROR("TypeError"),
        /** The origin is not within the RP id, or not a secure context. */
        SECURITY_ERROR("SecurityError"),
        /** No ES256 among {@code pubKeyCredParams}. */
        NOT_SUPPORTED_ERROR("NotSupportedError"),
        /** A credential in {@code excludeCredentials} lives here already. */
        INVALID_STATE_ERROR("InvalidStateError"),
        /** No credential here matches the RP id and {@code allowCredentials}. */
        NOT_ALLOWED_ERROR("NotAllowedError");

        private final String domName;

        Kind(String domName) {
            this.domName = domName;
        }

        /** The browser's name for it, e.g. {@code NotAllowedError}. */
        public String domName() {
            return domName;
        }
    }

    private final Kind kind;

    PasskeyException(Kind kind, String message) {
        super(kind.domName() + ": " + message);
        this.kind = kind;
    }

    /** What a browser would call this refusal. */
    public Kind kind() {
        return kind;
    }
}
