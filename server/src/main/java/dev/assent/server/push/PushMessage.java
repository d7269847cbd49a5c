package dev.assent.server.push;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;

/**
 * One push for a challenge (docs/push-protocol.md §7): the device token, the app's bundle id (APNs topic),
 * the keys the apps read, and until when the provider may hold it for an offline device. Always
 * sent at high priority, which wakes a sleeping device.
 */
public record PushMessage(String token, String appId, Sid challengeSid, Sid factorSid, String message, Instant expiration) {

    public static final String TYPE = "verify_push_challenge";

    public PushMessage {
        Objects.requireNonNull(token);
        Objects.requireNonNull(challengeSid);
        Objects.requireNonNull(factorSid);
        Objects.requireNonNull(message);
        Objects.requireNonNull(expiration);
    }

    @Override
    public String toString() {
        // Device tokens are not logged.
        return "PushMessage[challenge=" + challengeSid + ", factor=" + factorSid + "]";
    }
}
