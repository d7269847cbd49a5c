package dev.assent.client;

/** The state of a factor: {@code unverified} until its first proof, then {@code verified}. */
public enum FactorStatus {
    UNVERIFIED, VERIFIED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
