package dev.assent.server.webhook;

import dev.assent.server.sid.Sid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A service's webhook: where events of the subscribed types are POSTed.
 * See https://www.twilio.com/docs/verify/api/webhooks.
 */
public record Webhook(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        String friendlyName,
        List<String> eventTypes,
        Status status,
        Version version,
        URI url,
        Instant dateCreated,
        Instant dateUpdated) {

    /** Twilio delivers with POST only; the resource shows it as the read-only {@code webhook_method}. */
    public static final String METHOD = "POST";

    public enum Status { ENABLED, DISABLED }

    /** {@code v2} (the default) adds {@code status} and the metadata fields to the body; {@code v1} is legacy. */
    public enum Version { V1, V2 }

    public Webhook {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(friendlyName);
        eventTypes = List.copyOf(eventTypes);
        Objects.requireNonNull(status);
        Objects.requireNonNull(version);
        Objects.requireNonNull(url);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }

    /** Whether an event of this type goes to this webhook: enabled, and subscribed to it or to {@code *}. */
    public boolean wants(String eventType) {
        return status == Status.ENABLED && (eventTypes.contains(eventType) || eventTypes.contains(EventTypes.ALL));
    }
}
