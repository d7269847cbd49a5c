package dev.assent.client;

/** The HMAC algorithm of a TOTP factor ({@code Config.Alg}). */
public enum TotpAlgorithm {
    SHA1, SHA256, SHA512;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
