package dev.assent.client;

import static dev.assent.client.ChallengesApiTest.decodeForm;
import static dev.assent.client.Fixtures.CHALLENGE_SID;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhooks, challenge Notifications and AccessTokens against a fake server. */
class WebhooksNotificationsAccessTokensApiTest extends FakeServerTest {

    private static final String WEBHOOK_SID = "YWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @Test
    void createWebhookRepeatsEventTypes() {
        server.enqueue(201, Fixtures.example("webhook"));
        Webhook webhook = client.webhooks().createWebhook(SERVICE_SID, WebhookParams.builder()
                .friendlyName("name").eventTypes("factor.deleted", "factor.verified")
                .webhookUrl("https://owlbank.twilio.com").version(WebhookVersion.V2).build());

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/Services/" + SERVICE_SID + "/Webhooks");
        assertThat(request.body()).isEqualTo("FriendlyName=name&EventTypes=factor.deleted&EventTypes=factor.verified"
                + "&WebhookUrl=https%3A%2F%2Fowlbank.twilio.com&Version=v2");
        assertThat(webhook).isEqualTo(new Webhook(WEBHOOK_SID, SERVICE_SID, Fixtures.ACCOUNT_SID, "name",
                List.of("factor.deleted", "factor.verified"), WebhookStatus.ENABLED, WebhookVersion.V2,
                "https://owlbank.twilio.com", WebhookMethod.POST, Instant.parse("2015-07-30T20:00:00Z"),
                Instant.parse("2015-07-30T20:00:00Z"),
                "https://verify.twilio.com/v2/Services/" + SERVICE_SID + "/Webhooks/" + WEBHOOK_SID));
    }

    @Test
    void updateListFetchAndDeleteWebhook() {
        server.enqueue(200, Fixtures.example("webhook"));
        server.enqueue(200, Fixtures.example("webhooks_page"));
        server.enqueue(200, Fixtures.example("webhook"));
        server.enqueue(new FakeServer.Response(204, "", java.util.Map.of()));

        client.webhooks().updateWebhook(SERVICE_SID, WEBHOOK_SID, WebhookParams.builder().status(WebhookStatus.DISABLED).build());
        assertThat(client.webhooks().listWebhook(SERVICE_SID, ListParams.all()).map(Webhook::sid)).containsExactly(WEBHOOK_SID);
        client.webhooks().fetchWebhook(SERVICE_SID, WEBHOOK_SID);
        client.webhooks().deleteWebhook(SERVICE_SID, WEBHOOK_SID);

        List<FakeServer.Recorded> requests = server.requests();
        assertThat(requests.get(0).body()).isEqualTo("Status=disabled");
        assertThat(requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v2/Services/" + SERVICE_SID + "/Webhooks/" + WEBHOOK_SID,
                "GET /v2/Services/" + SERVICE_SID + "/Webhooks",
                "GET /v2/Services/" + SERVICE_SID + "/Webhooks/" + WEBHOOK_SID,
                "DELETE /v2/Services/" + SERVICE_SID + "/Webhooks/" + WEBHOOK_SID);
    }

    @Test
    void createNotificationSendsTtl() {
        server.enqueue(201, Fixtures.example("notification"));
        Notification notification = client.notifications().createNotification(SERVICE_SID, IDENTITY, CHALLENGE_SID, 150);

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo(Fixtures.CHALLENGES_PATH + "/" + CHALLENGE_SID + "/Notifications");
        assertThat(request.body()).isEqualTo("Ttl=150");
        assertThat(notification.sid()).isEqualTo("NTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(notification.priority()).isEqualTo("high");
        assertThat(notification.ttl()).isEqualTo(150);
        assertThat(notification.dateCreated()).isEqualTo(Instant.parse("2015-07-30T20:00:00Z"));
    }

    @Test
    void createAndFetchAccessToken() {
        server.enqueue(201, Fixtures.example("access_token"));
        server.enqueue(200, Fixtures.example("access_token"));

        AccessToken token = client.accessTokens().createAccessToken(SERVICE_SID, IDENTITY, "John Doe iPhone", 300);
        client.accessTokens().fetchAccessToken(SERVICE_SID, "YKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        List<FakeServer.Recorded> requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/v2/Services/" + SERVICE_SID + "/AccessTokens");
        assertThat(decodeForm(requests.get(0).body())).containsExactly(entry("Identity", IDENTITY),
                entry("FactorType", "push"), entry("FactorFriendlyName", "John Doe iPhone"), entry("Ttl", "300"));
        assertThat(requests.get(1).path())
                .isEqualTo("/v2/Services/" + SERVICE_SID + "/AccessTokens/YKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(token.entityIdentity()).isEqualTo(IDENTITY);
        assertThat(token.factorType()).isEqualTo(FactorType.PUSH);
        assertThat(token.ttl()).isEqualTo(300);
        assertThat(token.token()).startsWith("eyJ");
        assertThat(token.toString()).doesNotContain(token.token());
    }

    @Test
    void documentedLimitsAreCheckedBeforeSending() {
        assertThatThrownBy(() -> client.webhooks().createWebhook(SERVICE_SID, WebhookParams.builder()
                .friendlyName("x").webhookUrl("https://example.com").build())).hasMessageContaining("EventTypes");
        assertThatThrownBy(() -> WebhookParams.builder().webhookUrl("ftp://x").build()).hasMessageContaining("WebhookUrl");
        assertThatThrownBy(() -> client.notifications().createNotification(SERVICE_SID, IDENTITY, CHALLENGE_SID, 301))
                .hasMessageContaining("Ttl");
        assertThatThrownBy(() -> client.accessTokens().createAccessToken(SERVICE_SID, IDENTITY, null, 59))
                .hasMessageContaining("Ttl");
        assertThatThrownBy(() -> client.accessTokens().fetchAccessToken(SERVICE_SID, WEBHOOK_SID))
                .hasMessageContaining("YK");
        assertThat(server.requests()).isEmpty();
    }
}
