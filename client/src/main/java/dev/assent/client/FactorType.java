package dev.assent.client;

/** The kind of a factor: a push device key or a TOTP seed ({@code passkeys} is read-only here). */
public enum FactorType {
    PUSH, TOTP, PASSKEYS;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
