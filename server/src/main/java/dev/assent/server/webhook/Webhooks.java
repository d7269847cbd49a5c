package dev.assent.server.webhook;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.Transactions;
import dev.assent.server.outbound.OutboundPolicy;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Webhook resource: a service's event subscriptions, and (Assent extension) their deliveries. */
public final class Webhooks {

    public static final int MAX_FRIENDLY_NAME = 64;
    public static final int MAX_URL = 2048;
    /**
     * Webhooks one service may have. Twilio documents no number; each webhook multiplies every event
     * into one more stored and sent delivery, so the fan-out is bounded here.
     */
    public static final int MAX_PER_SERVICE = 20;

    private final WebhookStore store;
    private final DeliveryStore deliveries;
    private final Transactions transactions;
    private final OutboundPolicy outbound;

    /** {@code outbound} vets each WebhookUrl as it is written; it is vetted again, resolved, at every send. */
    public Webhooks(WebhookStore store, DeliveryStore deliveries, Transactions transactions, OutboundPolicy outbound) {
        this.store = store;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.outbound = outbound;
    }

    public Webhook create(VerifyService service, WebhookChanges request, Instant now) {
        String name = friendlyName(request.friendlyName().orElseThrow(() -> ApiException.missingParameter("FriendlyName")));
        List<String> types = eventTypes(request.eventTypes().orElseThrow(() -> ApiException.missingParameter("EventTypes")));
        URI url = url(request.webhookUrl().orElseThrow(() -> ApiException.missingParameter("WebhookUrl")));
        Webhook webhook = new Webhook(Sid.generate(SidType.WEBHOOK), service.accountSid(), service.sid(), name, types,
                request.status().map(Webhooks::status).orElse(Webhook.Status.ENABLED),
                request.version().map(Webhooks::version).orElse(Webhook.Version.V2), url, now, now);
        if (!transactions.inTransaction(() -> store.insertIfFewerThan(webhook, MAX_PER_SERVICE))) {
            throw new ApiException(ApiError.TOO_MANY_WEBHOOKS, "Max webhooks per service reached: a service has at most "
                    + MAX_PER_SERVICE + " webhooks; delete one before creating another");
        }
        return webhook;
    }

    public Webhook fetch(VerifyService service, Sid sid) {
        return store.find(service.sid(), sid).orElseThrow(() -> notFound(service, sid));
    }

    public Page<Webhook> list(VerifyService service, PageRequest page) {
        return store.list(service.sid(), page);
    }

    public Webhook update(VerifyService service, Sid sid, WebhookChanges request, Instant now) {
        Webhook current = fetch(service, sid);
        Webhook changed = new Webhook(current.sid(), current.accountSid(), current.serviceSid(),
                request.friendlyName().map(Webhooks::friendlyName).orElse(current.friendlyName()),
                request.eventTypes().map(Webhooks::eventTypes).orElse(current.eventTypes()),
                request.status().map(Webhooks::status).orElse(current.status()),
                request.version().map(Webhooks::version).orElse(current.version()),
                request.webhookUrl().map(this::url).orElse(current.url()), current.dateCreated(), now);
        return transactions.inTransaction(() -> {
            if (!store.update(changed)) {
                throw notFound(service, sid);
            }
            return changed;
        });
    }

    public void delete(VerifyService service, Sid sid) {
        if (!transactions.inTransaction(() -> store.delete(service.sid(), sid))) {
            throw notFound(service, sid);
        }
    }

    /** Assent extension: the webhook's deliveries, pending, delivered and given up, with their last error. */
    public Page<Delivery> deliveries(Webhook webhook, PageRequest page) {
        return deliveries.list(webhook.sid(), page);
    }

    private static String friendlyName(String name) {
        if (name.isBlank() || name.length() > MAX_FRIENDLY_NAME) {
            throw ApiException.invalidParameter("FriendlyName", name, "must be 1 to " + MAX_FRIENDLY_NAME + " characters");
        }
        return name;
    }

    private static List<String> eventTypes(List<String> types) {
        if (types.isEmpty()) {
            throw ApiException.missingParameter("EventTypes");
        }
        List<String> distinct = new ArrayList<>();
        for (String type : types) {
            if (!EventTypes.VALID.contains(type)) {
                throw ApiException.invalidParameter("EventTypes", type, "must be one of " + String.join(", ", EventTypes.VALID));
            }
            if (!distinct.contains(type)) {
                distinct.add(type);
            }
        }
        return distinct;
    }

    /**
     * A WebhookUrl the outbound policy accepts: http(s), a host, a port from 1 to 65535, no user info,
     * and no address literal of a refused range. Host names are not resolved here: an answer now
     * proves nothing about the answer at send time, where every delivery is vetted again.
     */
    private URI url(String value) {
        Optional<String> problem;
        try {
            problem = value.length() > MAX_URL ? Optional.of("must be at most " + MAX_URL + " characters")
                    : outbound.problem(new URI(value));
        } catch (URISyntaxException e) {
            problem = Optional.of("must be an absolute http or https URL");
        }
        if (problem.isPresent()) {
            throw ApiException.invalidParameter("WebhookUrl", value, problem.get());
        }
        return URI.create(value);
    }

    private static Webhook.Status status(String value) {
        return switch (value) {
            case "enabled" -> Webhook.Status.ENABLED;
            case "disabled" -> Webhook.Status.DISABLED;
            default -> throw ApiException.invalidParameter("Status", value, "must be enabled or disabled");
        };
    }

    private static Webhook.Version version(String value) {
        return switch (value) {
            case "v1" -> Webhook.Version.V1;
            case "v2" -> Webhook.Version.V2;
            default -> throw ApiException.invalidParameter("Version", value, "must be v1 or v2");
        };
    }

    private static ApiException notFound(VerifyService service, Sid sid) {
        return new ApiException(ApiError.NOT_FOUND,
                "The requested resource /Services/" + service.sid() + "/Webhooks/" + sid + " was not found");
    }
}
