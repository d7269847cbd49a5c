package dev.assent.server.webhook;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.List;
import java.util.Optional;

/** Persistence of webhooks. */
public interface WebhookStore {

    void insert(Webhook webhook);

    Optional<Webhook> find(Sid serviceSid, Sid webhookSid);

    Page<Webhook> list(Sid serviceSid, PageRequest page);

    /** All of a service's webhooks, for fan-out. */
    List<Webhook> all(Sid serviceSid);

    boolean update(Webhook webhook);

    boolean delete(Sid serviceSid, Sid webhookSid);
}
