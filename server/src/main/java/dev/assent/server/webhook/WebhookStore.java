package dev.assent.server.webhook;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.List;
import java.util.Optional;

/** Persistence of webhooks. */
public interface WebhookStore {

    /**
     * Inserts the webhook unless its service already has {@code max} webhooks; returns whether it did.
     * Runs inside a write transaction: the service's row is locked first, so concurrent inserts for
     * one service are counted one after another and never store more than {@code max}.
     */
    boolean insertIfFewerThan(Webhook webhook, int max);

    Optional<Webhook> find(Sid serviceSid, Sid webhookSid);

    Page<Webhook> list(Sid serviceSid, PageRequest page);

    /** All of a service's webhooks, for fan-out. */
    List<Webhook> all(Sid serviceSid);

    boolean update(Webhook webhook);

    boolean delete(Sid serviceSid, Sid webhookSid);
}
