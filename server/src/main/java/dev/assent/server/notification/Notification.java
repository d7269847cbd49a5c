package dev.assent.server.notification;

import dev.assent.server.sid.Sid;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A push notification requested for a pending push challenge, valid for {@code ttl} (0 to 5 minutes:
 * how long the push provider may hold it for an offline device). Its priority is always high.
 * See https://www.twilio.com/docs/verify/api/notifications-resource.
 */
public record Notification(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        Sid entitySid,
        String identity,
        Sid challengeSid,
        Duration ttl,
        Instant dateCreated) {

    /** Push notifications for challenges are sent at high priority, which wakes a sleeping device. */
    public static final String PRIORITY = "high";

    public Notification {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(entitySid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(challengeSid);
        Objects.requireNonNull(ttl);
        Objects.requireNonNull(dateCreated);
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
    }
}
