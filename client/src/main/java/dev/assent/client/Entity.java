package dev.assent.client;

import java.time.Instant;
import java.util.Map;

/**
 * An entity: one of your users, known by an opaque {@code identity}, who owns factors and receives
 * challenges ({@code verify.v2.service.entity}).
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/entity">Twilio: Entity resource</a>
 */
public record Entity(String sid, String identity, String accountSid, String serviceSid, Instant dateCreated,
                     Instant dateUpdated, String url, Map<String, String> links) {

    public Entity {
        links = links == null ? Map.of() : links;
    }
}
