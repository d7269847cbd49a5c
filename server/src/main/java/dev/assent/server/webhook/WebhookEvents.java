package dev.assent.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeEvents;
import dev.assent.server.challenge.DetailField;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorEvents;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Fans an event out to the service's webhooks that want it: one outbox row per webhook, written by
 * the caller's transaction (the one that made the change), delivered later by {@link WebhookDispatcher}.
 *
 * <p>Body fields (form parameters; see docs/decisions.md): {@code uuid}, {@code type},
 * {@code account_sid}, {@code service_sid}, {@code entity_sid}, {@code entity_identity},
 * {@code factor_sid}, {@code factor_type}, {@code factor_friendly_name}, {@code date_created}; for
 * challenge events also {@code challenge_sid}, {@code challenge_details} and
 * {@code challenge_hidden_details} (JSON strings). Version {@code v2} adds {@code status} (the
 * factor's or challenge's), {@code factor_metadata} and {@code challenge_metadata} (JSON strings).
 */
public final class WebhookEvents implements FactorEvents, ChallengeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final FactorStore factors;

    public WebhookEvents(WebhookStore webhooks, DeliveryStore deliveries, FactorStore factors) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.factors = factors;
    }

    @Override
    public void emit(String type, Factor factor, Instant now) {
        List<Webhook> targets = targets(factor.serviceSid(), type);
        if (targets.isEmpty()) {
            return;
        }
        String eventId = UUID.randomUUID().toString();
        Map<String, String> v1 = common(eventId, type, factor.accountSid().value(), factor.serviceSid().value(),
                factor.entitySid().value(), factor.identity(), factor, now);
        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put("status", factor.status().wireName());
        v2.put("factor_metadata", json(factor.metadata()));
        enqueue(targets, eventId, type, factor.sid().value(), v1, v2, now);
    }

    @Override
    public void emit(String type, Challenge challenge, Instant now) {
        List<Webhook> targets = targets(challenge.serviceSid(), type);
        if (targets.isEmpty()) {
            return;
        }
        Optional<Factor> factor = factors.find(challenge.entitySid(), challenge.factorSid());
        String eventId = UUID.randomUUID().toString();
        Map<String, String> v1 = common(eventId, type, challenge.accountSid().value(), challenge.serviceSid().value(),
                challenge.entitySid().value(), challenge.identity(), null, now);
        v1.put("factor_sid", challenge.factorSid().value());
        v1.put("factor_type", challenge.factorType().wireName());
        factor.ifPresent(f -> v1.put("factor_friendly_name", f.friendlyName()));
        v1.put("challenge_sid", challenge.sid().value());
        v1.put("challenge_details", details(challenge));
        v1.put("challenge_hidden_details", json(challenge.hiddenDetails()));
        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put("status", challenge.at(now).status().wireName());
        v2.put("factor_metadata", json(factor.flatMap(Factor::metadata)));
        v2.put("challenge_metadata", json(challenge.metadata()));
        enqueue(targets, eventId, type, challenge.sid().value(), v1, v2, now);
    }

    private List<Webhook> targets(Sid serviceSid, String type) {
        return webhooks.all(serviceSid).stream()
                .filter(w -> w.wants(type)).toList();
    }

    /** One delivery per webhook; {@code subject} (the challenge or factor) orders a subject's events. */
    private void enqueue(List<Webhook> targets, String eventId, String type, String subject,
            Map<String, String> v1, Map<String, String> v2, Instant now) {
        targets.forEach(w -> deliveries.insert(delivery(w, eventId, type, subject, w.version() == Webhook.Version.V1 ? v1 : v2, now)));
    }

    private static Delivery delivery(Webhook w, String eventId, String type, String subject, Map<String, String> body, Instant now) {
        // A SID (WD…), so list paging tokens carry it like any other.
        return new Delivery(Sid.generate(SidType.DELIVERY), eventId, type, w.accountSid(), w.serviceSid(), w.sid(), subject, w.url(),
                body, Delivery.State.PENDING, 0, now, Optional.empty(), Optional.empty(), now, now);
    }

    private static Map<String, String> common(String eventId, String type, String accountSid, String serviceSid, String entitySid,
            String identity, Factor factor, Instant now) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("uuid", eventId);
        body.put("type", type);
        body.put("account_sid", accountSid);
        body.put("service_sid", serviceSid);
        body.put("entity_sid", entitySid);
        body.put("entity_identity", identity);
        if (factor != null) {
            body.put("factor_sid", factor.sid().value());
            body.put("factor_type", factor.type().wireName());
            body.put("factor_friendly_name", factor.friendlyName());
        }
        body.put("date_created", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return body;
    }

    /** The challenge's details as its JSON renders them: {@code message}, {@code date}, {@code fields}. */
    private static String details(Challenge challenge) {
        ObjectNode node = JSON.createObjectNode();
        node.put("message", challenge.details().message().orElse(null));
        node.put("date", challenge.details().date().map(Instant::toString).orElse(null));
        ArrayNode fields = node.putArray("fields");
        for (DetailField field : challenge.details().fields()) {
            fields.addObject().put("label", field.label()).put("value", field.value());
        }
        return write(node);
    }

    private static String json(Optional<Map<String, String>> map) {
        return map.map(WebhookEvents::write).orElse("{}");
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a map of strings always serializes", e);
        }
    }

}
