package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Webhook;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.net.WWWFormCodec;
import org.junit.jupiter.api.Assumptions;
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
        Assumptions.assumeTrue(serverIsLocal(), "the server must reach a receiver on 127.0.0.1");
        BlockingQueue<Map.Entry<Map<String, String>, Map<String, String>>> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/events", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(Map.entry(headers, parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events?source=assent";
            Service service = conformance.backend().newService();
            Webhook.creator(service.getSid(), "Receiver", List.of("factor.created"), url).create(client);
            Backend.TotpFactor factor = conformance.backend().newTotpFactor(service.getSid(), Backend.newIdentity());

            var delivery = received.poll(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(delivery).as("a factor.created delivery").isNotNull();
            Map<String, String> headers = delivery.getKey();
            Map<String, String> params = delivery.getValue();
            assertThat(headers.get("content-type")).startsWith("application/x-www-form-urlencoded");
            assertThat(new RequestValidator(conformance.account().authToken())
                    .validate(url, params, headers.get("x-twilio-signature"))).isTrue();
            assertThat(headers.get("i-twilio-idempotency-token")).isEqualTo(params.get("uuid"));
            assertThat(params).containsEntry("type", "factor.created").containsEntry("service_sid", service.getSid())
                    .containsEntry("factor_sid", factor.sid()).containsEntry("factor_type", "totp");
        } finally {
            receiver.stop(0);
        }
    }

    private boolean serverIsLocal() {
        try {
            return InetAddress.getByName(conformance.baseUrl().getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The webhook's form, decoded by a library (a repeated name keeps its last value). */
    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        WWWFormCodec.parse(form, StandardCharsets.UTF_8).forEach(pair -> params.put(pair.getName(), pair.getValue()));
        return params;
    }
}
