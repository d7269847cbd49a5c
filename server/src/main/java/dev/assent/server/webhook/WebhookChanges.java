package dev.assent.server.webhook;

import java.util.List;
import java.util.Optional;

/** Create or update parameters of a webhook; on create the first three are required. */
public record WebhookChanges(Optional<String> friendlyName, Optional<List<String>> eventTypes, Optional<String> webhookUrl,
        Optional<String> status, Optional<String> version) {
}
