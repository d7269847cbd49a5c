package dev.assent.server.factor;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/** Where a push factor's challenges are announced: APNs, FCM, or nowhere (the device polls). */
public enum NotificationPlatform implements WireValue {
    APN("apn"), FCM("fcm"), NONE("none");

    private final String wireName;

    NotificationPlatform(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The platform spelled {@code value} on the wire ({@code apn}, {@code fcm}, {@code none}); empty for anything else. */
    public static Optional<NotificationPlatform> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
