package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.security.RequestValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Webhook resource (create, fetch, list, update, delete) and what its subscribers receive:
 * signed form POSTs that the official twilio-java RequestValidator accepts, filtered by event type.
 */
abstract class WebhookApiContract extends WebhookFixture {

    private static final List<String> FIELDS = List.of("sid", "service_sid", "account_sid", "friendly_name", "event_types",
            "status", "version", "webhook_url", "webhook_method", "date_created", "date_updated", "url");

    @Test
    void aWebhookIsCreatedFetchedListedUpdatedAndDeleted() {
        String service = createService();
        String base = "/v2/Services/" + service + "/Webhooks";
        Http.Reply created = http.post(auth, base, params("FriendlyName", "Backend", "WebhookUrl", "https://example.com/hook",
                "EventTypes", "factor.created", "EventTypes", "challenge.approved"));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().fieldNames()).toIterable().containsExactlyElementsOf(FIELDS);
        String sid = created.text("sid");
        assertThat(sid).matches("YW[0-9a-f]{32}");
        assertThat(created.text("service_sid")).isEqualTo(service);
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.json().get("event_types").toString()).isEqualTo("[\"factor.created\",\"challenge.approved\"]");
        assertThat(created.text("status")).isEqualTo("enabled");
        assertThat(created.text("version")).isEqualTo("v2");
        assertThat(created.text("webhook_url")).isEqualTo("https://example.com/hook");
        assertThat(created.text("webhook_method")).isEqualTo("POST");
        assertThat(created.text("date_created")).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(created.text("url")).isEqualTo(server.publicBase() + base + "/" + sid);

        assertThat(http.get(auth, base + "/" + sid).json()).isEqualTo(created.json());
        Http.Reply listed = http.get(auth, base);
        assertThat(listed.json().get("meta").get("key").asText()).isEqualTo("webhooks");
        assertThat(listed.json().get("webhooks").get(0)).isEqualTo(created.json());

        clock.advance(Duration.ofMinutes(1));
        Http.Reply updated = http.post(auth, base + "/" + sid, params("Status", "disabled", "Version", "v1", "EventTypes", "*"));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.text("status")).isEqualTo("disabled");
        assertThat(updated.text("version")).isEqualTo("v1");
        assertThat(updated.json().get("event_types").toString()).isEqualTo("[\"*\"]");
        assertThat(updated.text("friendly_name")).isEqualTo("Backend");
        assertThat(updated.text("date_updated")).isEqualTo("2026-01-15T10:01:00Z");

        assertThat(http.delete(auth, base + "/" + sid).status()).isEqualTo(204);
        assertError(http.get(auth, base + "/" + sid), 404, 20404);
        assertError(http.delete(auth, base + "/" + sid), 404, 20404);
    }

    @Test
    void badWebhookParametersAreRefused() {
        String service = createService();
        String base = "/v2/Services/" + service + "/Webhooks";
        assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h")), 400, 60306);
        assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "factor.exploded")), 400, 60306);
        assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "ftp://example.com/h",
                "EventTypes", "*")), 400, 60306);
        assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "*", "Status", "paused")), 400, 60306);
        assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "*", "Version", "v3")), 400, 60306);
        TestDevice device = verifiedPushDevice(service, ID);
        assertError(http.get(device.auth(clock.instant()), base), 403, 20003);
    }

    @Test
    void deliveriesAreSignedFormPostsTheOfficialValidatorAccepts() {
        String service = createService();
        String webhook = createWebhook(service, "/hook?tenant=a", "*");
        String[] totp = verifiedTotpFactor(service, ID);

        await("two factor events", () -> receiver.received("/hook").size() == 2);
        List<WebhookReceiver.Received> got = receiver.received("/hook");
        assertThat(WebhookReceiver.types(got)).containsExactly("factor.created", "factor.verified");
        RequestValidator validator = new RequestValidator(account.authToken().reveal());
        for (WebhookReceiver.Received r : got) {
            assertThat(r.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
            assertThat(validator.validate(receiver.url("/hook?tenant=a"), r.params(), r.headers().get("x-twilio-signature")))
                    .as("X-Twilio-Signature of %s", r.type()).isTrue();
            assertThat(validator.validate(receiver.url("/hook?tenant=b"), r.params(), r.headers().get("x-twilio-signature")))
                    .isFalse();
            assertThat(r.headers().get("i-twilio-idempotency-token")).isEqualTo(r.params().get("uuid"));
        }
        Map<String, String> verified = got.get(1).params();
        assertThat(verified).containsEntry("account_sid", account.sid().value()).containsEntry("service_sid", service)
                .containsEntry("entity_identity", ID).containsEntry("factor_sid", totp[0]).containsEntry("factor_type", "totp")
                .containsEntry("factor_friendly_name", "Authenticator").containsEntry("status", "verified")
                .containsKeys("entity_sid", "factor_metadata", "date_created");
        assertThat(got.get(0).params().get("uuid")).isNotEqualTo(verified.get("uuid"));

        // The receiver has both requests before the dispatcher records their answers: wait for the records.
        await("both deliveries recorded", () -> {
            JsonNode recorded = deliveries(service, webhook);
            return recorded.size() == 2 && recorded.get(0).get("status").asText().equals("delivered")
                    && recorded.get(1).get("status").asText().equals("delivered");
        });
        JsonNode deliveries = deliveries(service, webhook);
        assertThat(deliveries).hasSize(2);
        for (JsonNode delivery : deliveries) {
            assertThat(delivery.get("status").asText()).isEqualTo("delivered");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void eachWebhookGetsOnlyTheEventsItSubscribesTo() {
        String service = createService();
        String all = createWebhook(service, "/all", "*");
        String verifiedOnly = createWebhook(service, "/verified", "factor.verified");
        String expiredOnly = createWebhook(service, "/expired", "challenge.expired");
        String decisions = createWebhook(service, "/decisions", "challenge.approved", "challenge.denied");
        String disabled = createWebhook(service, "/disabled", "*");
        assertThat(http.post(auth, "/v2/Services/" + service + "/Webhooks/" + disabled, params("Status", "disabled")).status())
                .isEqualTo(200);
        String legacy = createWebhook(service, "/legacy", "challenge.approved");
        http.post(auth, "/v2/Services/" + service + "/Webhooks/" + legacy, params("Version", "v1"));

        TestDevice device = verifiedPushDevice(service, ID);
        await("the factor events", () -> receiver.received("/all").size() == 2 && receiver.received("/verified").size() == 1);
        String expiring = createPushChallenge(service, ID, device, "Expires").get("sid").asText();
        clock.advance(Duration.ofMinutes(6));
        await("challenge.expired", () -> receiver.received("/expired").size() == 1);
        JsonNode approving = createPushChallenge(service, ID, device, "Login");
        String path = entityPath(service, ID) + "/Challenges/" + approving.get("sid").asText();
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        assertThat(http.post(device.auth(clock.instant()), path, params("AuthPayload",
                device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved"))).status()).isEqualTo(200);

        await("all events", () -> receiver.received("/all").size() == 4 && receiver.received("/decisions").size() == 1
                && receiver.received("/legacy").size() == 1 && receiver.received("/verified").size() == 1);
        assertThat(WebhookReceiver.types(receiver.received("/all")))
                .containsExactly("factor.created", "factor.verified", "challenge.expired", "challenge.approved");
        assertThat(deliveries(service, all)).hasSize(4);
        assertThat(deliveries(service, verifiedOnly)).hasSize(1);
        assertThat(deliveries(service, expiredOnly)).hasSize(1);
        assertThat(deliveries(service, decisions)).hasSize(1);
        assertThat(deliveries(service, disabled)).isEmpty();
        assertThat(receiver.received("/disabled")).isEmpty();

        Map<String, String> expired = receiver.received("/expired").get(0).params();
        assertThat(expired).containsEntry("type", "challenge.expired").containsEntry("challenge_sid", expiring)
                .containsEntry("status", "expired").containsEntry("factor_sid", device.factorSid);
        Map<String, String> approved = receiver.received("/decisions").get(0).params();
        assertThat(approved).containsEntry("type", "challenge.approved").containsEntry("status", "approved")
                .containsEntry("challenge_hidden_details", "{\"ip\":\"10.0.0.1\"}")
                .containsEntry("factor_friendly_name", "Pixel").containsKey("challenge_metadata");
        assertThat(approved.get("challenge_details")).contains("\"message\":\"Login\"").contains("\"label\":\"IP\"");
        // v1, the legacy version, has neither status nor metadata.
        Map<String, String> v1 = receiver.received("/legacy").get(0).params();
        assertThat(v1).containsEntry("challenge_sid", approving.get("sid").asText())
                .doesNotContainKeys("status", "factor_metadata", "challenge_metadata");
        // The expiry event is emitted once per challenge, however long the sweep keeps running.
        createPushChallenge(service, ID, device, "Expires too");
        clock.advance(Duration.ofMinutes(6));
        await("the second challenge.expired", () -> receiver.received("/expired").size() == 2);
        assertThat(deliveries(service, expiredOnly)).hasSize(2);
        assertThat(receiver.received("/expired").get(1).params().get("challenge_sid")).isNotEqualTo(expiring);
    }
}
