package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Json;
import java.util.List;

/**
 * The parameters of CreateWebhook and UpdateWebhook: {@code FriendlyName}, {@code EventTypes} (sent as
 * a repeated key), {@code WebhookUrl} — all three required on create — and {@code Status}, {@code Version}.
 * Event types are {@code *}, {@code factor.created}, {@code factor.verified}, {@code factor.deleted},
 * {@code challenge.approved} and {@code challenge.denied}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/webhooks">Twilio: Webhook resource</a>
 */
public record WebhookParams(String friendlyName, List<String> eventTypes, String webhookUrl, WebhookStatus status,
                            WebhookVersion version) {

    public WebhookParams {
        eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
        if (webhookUrl != null && !webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
            throw new IllegalArgumentException("WebhookUrl must be an http or https URL: '" + webhookUrl + "'");
        }
    }

    /** A builder; for create, set the friendly name, event types and URL. */
    public static Builder builder() {
        return new Builder();
    }

    void requireCreatable() {
        Check.notNull("FriendlyName", friendlyName);
        Check.notNull("WebhookUrl", webhookUrl);
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new IllegalArgumentException("EventTypes is required");
        }
    }

    Form toForm() {
        return new Form()
                .add("FriendlyName", friendlyName)
                .addAll("EventTypes", eventTypes)
                .add("WebhookUrl", webhookUrl)
                .add("Status", Json.wire(status))
                .add("Version", Json.wire(version));
    }

    /** Collects the parameters of a {@link WebhookParams}. */
    public static final class Builder {
        private String friendlyName;
        private List<String> eventTypes;
        private String webhookUrl;
        private WebhookStatus status;
        private WebhookVersion version;

        private Builder() {
        }

        /** {@code FriendlyName}. */
        public Builder friendlyName(String value) {
            this.friendlyName = value;
            return this;
        }

        /** {@code EventTypes}, sent once per element. */
        public Builder eventTypes(String... values) {
            this.eventTypes = List.of(values);
            return this;
        }

        /** {@code WebhookUrl}: where events are POSTed. */
        public Builder webhookUrl(String value) {
            this.webhookUrl = value;
            return this;
        }

        /** {@code Status}: enabled by default. */
        public Builder status(WebhookStatus value) {
            this.status = value;
            return this;
        }

        /** {@code Version}: v2 by default. */
        public Builder version(WebhookVersion value) {
            this.version = value;
            return this;
        }

        /** Freezes the parameters. */
        public WebhookParams build() {
            return new WebhookParams(friendlyName, eventTypes, webhookUrl, status, version);
        }
    }
}
