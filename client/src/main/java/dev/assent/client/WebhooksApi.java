package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Pager;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;
import java.util.stream.Stream;

/**
 * The Webhooks operations of Verify v2: CreateWebhook, FetchWebhook, ListWebhook, UpdateWebhook and
 * DeleteWebhook, under {@code /v2/Services/{ServiceSid}/Webhooks}. Obtain it from {@link AssentClient#webhooks()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/webhooks">Twilio: Webhook resource</a>
 */
public final class WebhooksApi {

    private final Transport transport;

    WebhooksApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateWebhook: {@code POST …/Webhooks}. */
    public Webhook createWebhook(String serviceSid, WebhookParams params) {
        Check.notNull("params", params).requireCreatable();
        return Resources.webhook(transport.post(transport.uri(path(serviceSid), null), params.toForm()));
    }

    /** FetchWebhook: {@code GET …/Webhooks/{Sid}}. */
    public Webhook fetchWebhook(String serviceSid, String sid) {
        return Resources.webhook(transport.get(transport.uri(instancePath(serviceSid, sid), null)));
    }

    /** ListWebhook: a lazy stream over {@code GET …/Webhooks}. */
    public Stream<Webhook> listWebhook(String serviceSid, ListParams params) {
        Check.notNull("params", params);
        return Pager.stream(transport, transport.uri(path(serviceSid), params.toQuery()), "webhooks",
                Resources::webhook, params.limit());
    }

    /** UpdateWebhook: {@code POST …/Webhooks/{Sid}} with the parameters that are set. */
    public Webhook updateWebhook(String serviceSid, String sid, WebhookParams params) {
        Check.notNull("params", params);
        return Resources.webhook(transport.post(transport.uri(instancePath(serviceSid, sid), null), params.toForm()));
    }

    /** DeleteWebhook: {@code DELETE …/Webhooks/{Sid}}. */
    public void deleteWebhook(String serviceSid, String sid) {
        transport.delete(transport.uri(instancePath(serviceSid, sid), null));
    }

    static String path(String serviceSid) {
        return ServicesApi.instancePath(serviceSid) + "/Webhooks";
    }

    static String instancePath(String serviceSid, String sid) {
        return path(serviceSid) + "/" + Check.sid("Sid", sid, "YW");
    }
}
