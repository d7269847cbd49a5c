package dev.assent.client;

/** The push platform of a push factor ({@code Config.NotificationPlatform}). */
public enum NotificationPlatform {
    APN, FCM, NONE;

    /** The token as it travels on the wire. */
    public String wire() {
        return dev.assent.client.internal.Json.wire(this);
    }
}
