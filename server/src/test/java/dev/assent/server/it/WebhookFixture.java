package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.webhook.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A server with fast webhook pacing, a receiving backend, and helpers to wait on deliveries. */
abstract class WebhookFixture extends ApiFixture {

    static final String ID = "user-00000001";
    /** Longer than any clock jump a test makes while a delivery may be in flight, so none is sent twice. */
    static final Duration LEASE = Duration.ofMinutes(10);
    static final int CONCURRENCY = 2;
    static final int MAX_ATTEMPTS = 4;

    WebhookReceiver receiver;

    @Override
    WebhookSettings webhookSettings() {
        return new WebhookSettings(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(4), MAX_ATTEMPTS,
                Duration.ofHours(1), LEASE, Duration.ofSeconds(1), Duration.ofSeconds(2), CONCURRENCY);
    }

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    String createWebhook(String service, String path, String... eventTypes) {
        List<java.util.Map.Entry<String, String>> params = new ArrayList<>(params("FriendlyName", "Backend",
                "WebhookUrl", receiver.url(path)));
        for (String type : eventTypes) {
            params.add(java.util.Map.entry("EventTypes", type));
        }
        Http.Reply reply = http.post(auth, "/v2/Services/" + service + "/Webhooks", params);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    JsonNode deliveries(String service, String webhook) {
        Http.Reply reply = http.get(auth, "/v2/Services/" + service + "/Webhooks/" + webhook + "/Deliveries?PageSize=100");
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.json().get("deliveries");
    }
}
