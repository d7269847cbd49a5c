package dev.assent.client;

/** Why a challenge was responded to without the user ({@code responded_reason}). */
public enum RespondedReason {
    NONE, NOT_NEEDED, NOT_REQUESTED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
