package dev.assent.server.webhook;

import dev.assent.server.api.WireValue;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one webhook: a row of the outbox, with id {@code WD…}. {@code eventId} is the body's
 * {@code uuid} and the {@code I-Twilio-Idempotency-Token}, the same on every attempt.
 */
public record Delivery(
        Sid id,
        String eventId,
        String eventType,
        Sid accountSid,
        Sid serviceSid,
        Sid webhookSid,
        String subjectSid,
        URI url,
        Map<String, String> body,
        State state,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError,
        Optional<Instant> deliveredAt,
        Instant dateCreated,
        Instant dateUpdated) {

    /** {@code PENDING} until delivered, or {@code FAILED} once given up (kept, with its last error). */
    public enum State implements WireValue {
        PENDING("pending"), DELIVERED("delivered"), FAILED("failed");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        /** The delivery's {@code status} as the Deliveries list renders (and the outbox stores) it. */
        @Override
        public String wireName() {
            return wireName;
        }

        /** Parses the wire value; only the exact lowercase spelling matches, anything else is empty. */
        public static Optional<State> fromWire(String value) {
            return WireValue.fromWire(values(), value);
        }
    }

    public Delivery {
        if (id.type() != SidType.DELIVERY) {
            throw new IllegalArgumentException("a delivery id is a WD SID, not " + id);
        }
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(eventType);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(webhookSid);
        Objects.requireNonNull(subjectSid);
        Objects.requireNonNull(url);
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        Objects.requireNonNull(state);
        Objects.requireNonNull(nextAttemptAt);
        Objects.requireNonNull(lastError);
        Objects.requireNonNull(deliveredAt);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }
}
