package dev.assent.server.webhook;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.outbound.OutboundPolicy;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The Webhook resource: a service's event subscriptions, and (Assent extension) their deliveries. */
public final class Webhooks {

    /** The longest {@code FriendlyName}; the edge checks it. */
    public static final int MAX_FRIENDLY_NAME = 64;
    /** The longest {@code WebhookUrl}; the edge checks it. */
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
        String name = request.friendlyName().required();
        List<EventType> types = eventTypes(request.eventTypes().required());
        URI url = url(request.webhookUrl(), request.webhookUrl().required());
        Webhook webhook = new Webhook(Sid.generate(SidType.WEBHOOK), service.accountSid(), service.sid(), name, types,
                request.status().orElse(Webhook.Status.ENABLED), request.version().orElse(Webhook.Version.V2), url, now, now);
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
                request.friendlyName().value().orElse(current.friendlyName()),
                request.eventTypes().value().map(Webhooks::eventTypes).orElse(current.eventTypes()),
                request.status().orElse(current.status()),
                request.version().orElse(current.version()),
                request.webhookUrl().value().map(url -> url(request.webhookUrl(), url)).orElse(current.url()), current.dateCreated(), now);
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

    /** Each type once, in the order first asked for. */
    private static List<EventType> eventTypes(List<EventType> types) {
        return types.stream().distinct().toList();
    }

    /**
     * A URL the outbound policy accepts: http(s), a host, a port from 1 to 65535, no user info, and
     * no address literal of a refused range. Host names are not resolved here: an answer now proves
     * nothing about the answer at send time, where every delivery is vetted again.
     */
    private URI url(Input<URI> parameter, URI url) {
        outbound.problem(url).ifPresent(problem -> {
            throw parameter.invalid(url.toString(), problem);
        });
        return url;
    }

    private static ApiException notFound(VerifyService service, Sid sid) {
        return new ResourceNotFound(SidType.WEBHOOK, sid.value());
    }
}
