package dev.assent.client;

/**
 * Which authenticators a passkeys service or factor asks for ({@code authenticator_attachment};
 * {@code Passkeys.AuthenticatorAttachment}): built into the device, roaming (a security key, a phone), or either.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#enumdef-authenticatorattachment">WebAuthn: AuthenticatorAttachment</a>
 */
public enum AuthenticatorAttachment {
    PLATFORM("platform"), CROSS_PLATFORM("cross-platform"), ANY("any");

    private final String wire;

    AuthenticatorAttachment(String wire) {
        this.wire = wire;
    }

    /** The token as it travels on the wire ({@code cross-platform} has a dash). */
    public String wire() {
        return wire;
    }

    /** The constant for a wire token; {@code null} or empty stays {@code null}. */
    public static AuthenticatorAttachment fromWire(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (AuthenticatorAttachment attachment : values()) {
            if (attachment.wire.equals(value)) {
                return attachment;
            }
        }
        throw new IllegalStateException("unknown AuthenticatorAttachment '" + value + "'");
    }
}
