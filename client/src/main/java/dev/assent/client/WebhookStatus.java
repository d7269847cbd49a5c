package dev.assent.client;

/** Whether a webhook receives events. */
public enum WebhookStatus {
    ENABLED, DISABLED;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
