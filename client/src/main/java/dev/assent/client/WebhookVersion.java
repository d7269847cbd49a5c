package dev.assent.client;

/** The payload version of a webhook: {@code v2} by default, {@code v1} legacy. */
public enum WebhookVersion {
    V1, V2;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
