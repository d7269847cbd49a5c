package dev.assent.server.webhook;

import dev.assent.server.api.WireValue;
import dev.assent.server.sid.Sid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's webhook: where events of the subscribed types are POSTed.
 * See https://www.twilio.com/docs/verify/api/webhooks.
 */
public record Webhook(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        String friendlyName,
        List<EventType> eventTypes,
        Status status,
        Version version,
        URI url,
        Instant dateCreated,
        Instant dateUpdated) {

    /** Twilio delivers with POST only; the resource shows it as the read-only {@code webhook_method}. */
    public static final String METHOD = "POST";

    /** Whether events are sent: {@code enabled} (the default) or {@code disabled}. */
    public enum Status implements WireValue {
        ENABLED("enabled"), DISABLED("disabled");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        /** The value of Twilio's {@code Status} parameter and field. */
        @Override
        public String wireName() {
            return wireName;
        }

        /** Parses the wire value; only the exact lowercase spelling matches, anything else is empty. */
        public static Optional<Status> fromWire(String value) {
            return WireValue.fromWire(values(), value);
        }
    }

    /** {@code v2} (the default) adds {@code status} and the metadata fields to the body; {@code v1} is legacy. */
    public enum Version implements WireValue {
        V1("v1"), V2("v2");

        private final String wireName;

        Version(String wireName) {
            this.wireName = wireName;
        }

        /** The value of Twilio's {@code Version} parameter and field. */
        @Override
        public String wireName() {
            return wireName;
        }

        /** Parses the wire value; only the exact lowercase spelling matches, anything else is empty. */
        public static Optional<Version> fromWire(String value) {
            return WireValue.fromWire(values(), value);
        }
    }

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
        return status == Status.ENABLED
                && (eventTypes.contains(EventType.ALL) || eventTypes.stream().anyMatch(t -> t.wireName().equals(eventType)));
    }
}
