package dev.assent.server.webhook;

import dev.assent.server.api.Input;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Create or update parameters of a webhook, checked for form by the edge and named as the request
 * named them; on create the first three are required. {@code webhookUrl} is a URL already parsed;
 * {@link Webhooks} applies the outbound policy to it.
 */
public record WebhookChanges(Input<String> friendlyName, Input<List<EventType>> eventTypes, Input<URI> webhookUrl,
        Optional<Webhook.Status> status, Optional<Webhook.Version> version) {
}
