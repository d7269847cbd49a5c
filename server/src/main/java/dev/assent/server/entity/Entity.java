package dev.assent.server.entity;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;

/**
 * An entity: one end user of a service, named by the caller's immutable, non-PII identity.
 * See https://www.twilio.com/docs/verify/api/entity.
 */
public record Entity(Sid sid, Sid accountSid, Sid serviceSid, String identity, Instant dateCreated, Instant dateUpdated) {
    public Entity {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }
}
