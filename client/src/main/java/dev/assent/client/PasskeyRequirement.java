package dev.assent.client;

/**
 * How strongly a passkeys service or factor asks for something: discoverable credentials
 * ({@code discoverable_credentials}) or user verification ({@code user_verification}).
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#enumdef-userverificationrequirement">WebAuthn: UserVerificationRequirement</a>
 */
public enum PasskeyRequirement {
    REQUIRED, PREFERRED, DISCOURAGED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }

    /** The constant for a wire token; {@code null} or empty stays {@code null}. */
    public static PasskeyRequirement fromWire(String value) {
        return value == null || value.isEmpty() ? null : dev.assent.client.internal.Json.enumValue(PasskeyRequirement.class, value);
    }
}
