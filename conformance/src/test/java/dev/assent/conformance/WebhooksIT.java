package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Webhook;
import com.twilio.security.RequestValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Webhooks through twilio-java (VERIFY_API.md §9), and a delivery the SDK's RequestValidator accepts. */
@ExtendWith(ConformanceExtension.class)
class WebhooksIT {

    private final Conformance conformance;
    private final TwilioRestClient client;

    WebhooksIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
    }

    @Test
    void aWebhookIsCreatedFetchedListedUpdatedAndDeletedThroughTheSdk() {
        Service service = conformance.backend().newService();
        Webhook created = Webhook.creator(service.getSid(), "Backend", List.of("factor.verified", "challenge.approved"),
                "https://backend.example.com/events").create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(created.getSid()).matches("YW[0-9a-f]{32}");
        assertThat(created.getServiceSid()).isEqualTo(service.getSid());
        assertThat(created.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(created.getEventTypes()).containsExactly("factor.verified", "challenge.approved");
        assertThat(created.getStatus()).isEqualTo(Webhook.Status.ENABLED);
        assertThat(created.getVersion()).isEqualTo(Webhook.Version.V2);
        assertThat(created.getWebhookMethod()).isEqualTo(Webhook.Methods.POST);
        assertThat(created.getWebhookUrl()).hasToString("https://backend.example.com/events");
        assertThat(created.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + service.getSid() + "/Webhooks/"
                + created.getSid());

        assertThat(Webhook.fetcher(service.getSid(), created.getSid()).fetch(client).getFriendlyName()).isEqualTo("Backend");
        assertThat(Webhook.reader(service.getSid()).read(client)).extracting(Webhook::getSid).containsExactly(created.getSid());
        Webhook updated = Webhook.updater(service.getSid(), created.getSid()).setStatus(Webhook.Status.DISABLED)
                .setVersion(Webhook.Version.V1).setEventTypes(List.of("*")).update(client);
        assertThat(updated.getStatus()).isEqualTo(Webhook.Status.DISABLED);
        assertThat(updated.getVersion()).isEqualTo(Webhook.Version.V1);
        assertThat(updated.getEventTypes()).containsExactly("*");

        assertThat(Webhook.deleter(service.getSid(), created.getSid()).delete(client)).isTrue();
        expectError(404, 20404, () -> Webhook.fetcher(service.getSid(), created.getSid()).fetch(client));
    }

    @Test
    void aDeliveryCarriesASignatureTheSdksRequestValidatorAccepts() throws Exception {
        try (LoopbackWebhookReceiver receiver = LoopbackWebhookReceiver.start(conformance)) {
            String url = receiver.url() + "?source=assent";
            Service service = conformance.backend().newService();
            Webhook.creator(service.getSid(), "Receiver", List.of("factor.created"), url).create(client);
            Backend.TotpFactor factor = conformance.backend().newTotpFactor(service.getSid(), Backend.newIdentity());

            LoopbackWebhookReceiver.Delivery delivery = receiver.poll(Duration.ofSeconds(30));
            assertThat(delivery).as("a factor.created delivery").isNotNull();
            Map<String, String> headers = delivery.headers();
            Map<String, String> params = delivery.params();
            assertThat(headers.get("content-type")).startsWith("application/x-www-form-urlencoded");
            assertThat(new RequestValidator(conformance.account().authToken())
                    .validate(url, params, headers.get("x-twilio-signature"))).isTrue();
            assertThat(headers.get("i-twilio-idempotency-token")).isEqualTo(params.get("uuid"));
            assertThat(params).containsEntry("type", "factor.created").containsEntry("service_sid", service.getSid())
                    .containsEntry("factor_sid", factor.sid()).containsEntry("factor_type", "totp");
        }
    }
}
