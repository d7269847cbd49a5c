package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Delivery guarantees of the webhook outbox: retries with the same idempotency token, giving up
 * with the last error kept, no loss across a restart mid-delivery, order per subject, and a dead
 * receiver that never holds up the API.
 */
abstract class WebhookDeliveryContract extends WebhookFixture {

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdempotencyToken() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        receiver.answer(500, 500, 200);
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));

        awaitAdvancing("a delivery after two failures", Duration.ofMillis(500), () -> receiver.received("/hook").size() == 3
                && deliveries(service, webhook).get(0).get("status").asText().equals("delivered"));
        List<WebhookReceiver.Received> got = receiver.received("/hook");
        String token = got.get(0).headers().get("i-twilio-idempotency-token");
        assertThat(got).allSatisfy(r -> {
            assertThat(r.headers().get("i-twilio-idempotency-token")).isEqualTo(token);
            assertThat(r.params().get("uuid")).isEqualTo(token);
        });
        JsonNode delivery = deliveries(service, webhook).get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("event_id").asText()).isEqualTo(token);
        assertThat(delivery.get("last_error").isNull()).isTrue();
    }

    @Test
    void anUndeliverableEventIsKeptWithItsLastError() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        receiver.answer(500, 500, 500, 503, 200);
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));

        awaitAdvancing("giving up", Duration.ofMillis(500),
                () -> deliveries(service, webhook).get(0).get("status").asText().equals("failed"));
        JsonNode delivery = deliveries(service, webhook).get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(delivery.get("last_error").asText()).isEqualTo("HTTP 5xx");
        assertThat(delivery.get("body").get("type").asText()).isEqualTo("factor.created");
        assertThat(receiver.received("/hook")).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void anEventInFlightWhenTheServerStopsIsDeliveredAfterARestart() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        receiver.stallAll();
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));
        // In flight and recorded: the receiver counts a request before it has read and recorded it.
        await("the first attempt to reach the receiver",
                () -> receiver.inFlight() == 1 && receiver.received("/hook").size() == 1);
        String token = receiver.received("/hook").get(0).headers().get("i-twilio-idempotency-token");

        server.close();
        receiver.release();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        server = AssentServer.start(config.withSettings(settings()), reopenDatabase(), clock);
        http = new Http(server.publicBase());

        // The dead server's lease runs out; the new one delivers the event again, same token.
        awaitAdvancing("delivery by the restarted server", Duration.ofMinutes(1),
                () -> deliveries(service, webhook).get(0).get("status").asText().equals("delivered"));
        assertThat(receiver.received("/hook").size()).isGreaterThanOrEqualTo(2);
        assertThat(receiver.received("/hook")).allSatisfy(
                r -> assertThat(r.headers().get("i-twilio-idempotency-token")).isEqualTo(token));
    }

    @Test
    void aSubjectsEventsArriveInOrderEvenWhenAnEarlierOneIsRetried() {
        String service = createService();
        createWebhook(service, "/hook", "*");
        receiver.answer(500, 500);
        String[] totp = verifiedTotpFactor(service, ID);
        assertThat(http.delete(auth, entityPath(service, ID) + "/Factors/" + totp[0]).status()).isEqualTo(204);

        awaitAdvancing("three events", Duration.ofMillis(500), () -> receiver.received("/hook").size() == 5);
        assertThat(WebhookReceiver.types(receiver.received("/hook")))
                .containsExactly("factor.created", "factor.created", "factor.created", "factor.verified", "factor.deleted");
    }

    @Test
    void aDeadReceiverNeverHoldsUpTheApi() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        receiver.stallAll();
        int factors = 8;
        for (int i = 0; i < factors; i++) {
            Http.Reply created = http.post(auth, entityPath(service, "user-0000000" + i) + "/Factors",
                    params("FriendlyName", "Authenticator", "FactorType", "totp"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        }
        // Every API call returned while the receiver had answered nothing.
        assertThat(receiver.answered()).isZero();
        assertThat(http.get(auth, "/v2/Services/" + service).status()).isEqualTo(200);
        assertThat(deliveries(service, webhook)).hasSize(factors);
        List<String> paged = new java.util.ArrayList<>();
        String url = "/v2/Services/" + service + "/Webhooks/" + webhook + "/Deliveries?PageSize=3";
        while (url != null) {
            JsonNode page = http.get(auth, url).json();
            page.get("deliveries").forEach(d -> paged.add(d.get("sid").asText()));
            url = page.get("meta").get("next_page_url").isNull() ? null : page.get("meta").get("next_page_url").asText();
        }
        assertThat(paged).hasSize(factors).doesNotHaveDuplicates().allMatch(sid -> sid.matches("WD[0-9a-f]{32}"));
        // At most CONCURRENCY attempts are open at once: a new one starts only after one has ended
        // (a timeout, recorded as a failed attempt before its slot is freed).
        await("deliveries to be attempted", () -> receiver.maxInFlight() == CONCURRENCY);
        for (int round = 0; round < 3; round++) {
            int sent = receiver.received("/hook").size();
            int ended = 0;
            for (JsonNode d : deliveries(service, webhook)) {
                ended += d.get("attempts").asInt();
            }
            assertThat(sent).isLessThanOrEqualTo(CONCURRENCY + ended);
        }
        // Requests time out (2 s here) and are recorded as failed attempts.
        await("a timed-out attempt", () -> {
            for (JsonNode d : deliveries(service, webhook)) {
                if (d.get("attempts").asInt() > 0) {
                    return d.get("last_error").asText().equals("timeout");
                }
            }
            return false;
        });
    }
}
