package dev.assent.client;

/** The sort order of a challenge list by creation date ({@code Order}). */
public enum ChallengeOrder {
    /** Oldest first (the default). */
    ASC,
    /** Newest first. */
    DESC;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
