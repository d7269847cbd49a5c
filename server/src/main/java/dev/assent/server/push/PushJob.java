package dev.assent.server.push;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One push to deliver, for a challenge (when it is created) or a notification (when one is requested).
 * {@code expiresAt} bounds both the provider's TTL and the worker's retries; {@code attempts} counts
 * claims, this one included.
 */
public record PushJob(
        String id,
        Sid accountSid,
        Sid serviceSid,
        Sid entitySid,
        Sid challengeSid,
        Sid factorSid,
        Optional<Sid> notificationSid,
        Instant expiresAt,
        int attempts,
        Instant createdAt) {

    public PushJob {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(entitySid);
        Objects.requireNonNull(challengeSid);
        Objects.requireNonNull(factorSid);
        Objects.requireNonNull(notificationSid);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(createdAt);
    }
}
