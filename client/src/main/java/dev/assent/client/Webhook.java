package dev.assent.client;

import java.time.Instant;
import java.util.List;

/**
 * A service webhook: a URL that receives factor and challenge events ({@code verify.v2.service.webhook}).
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/webhooks">Twilio: Webhook resource</a>
 */
public record Webhook(String sid, String serviceSid, String accountSid, String friendlyName, List<String> eventTypes,
                      WebhookStatus status, WebhookVersion version, String webhookUrl, WebhookMethod webhookMethod,
                      Instant dateCreated, Instant dateUpdated, String url) {

    public Webhook {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }
}
