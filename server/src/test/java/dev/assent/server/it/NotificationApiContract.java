package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Challenge notifications: recording one for a pending push challenge, the refusals, and the Assent
 * extension that lists them to the account and to the challenge's own device.
 */
abstract class NotificationApiContract extends ApiFixture {

    private static final String ID = "user-00000001";
    private static final List<String> FIELDS = List.of("sid", "account_sid", "service_sid", "entity_sid", "identity",
            "challenge_sid", "priority", "ttl", "date_created");

    @Test
    void aNotificationIsRecordedForAPendingPushChallenge() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        JsonNode challenge = createPushChallenge(service, ID, device, "Login");
        String path = notificationsPath(service, challenge.get("sid").asText());
        assertThat(challenge.get("links").get("notifications").asText()).isEqualTo(server.publicBase() + path);

        Http.Reply created = http.post(auth, path, params());

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().fieldNames()).toIterable().containsExactlyElementsOf(FIELDS);
        assertThat(created.text("sid")).matches("NT[0-9a-f]{32}");
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.text("service_sid")).isEqualTo(service);
        assertThat(created.text("entity_sid")).isEqualTo(challenge.get("entity_sid").asText());
        assertThat(created.text("identity")).isEqualTo(ID);
        assertThat(created.text("challenge_sid")).isEqualTo(challenge.get("sid").asText());
        assertThat(created.text("priority")).isEqualTo("high");
        assertThat(created.json().get("ttl").asInt()).isEqualTo(300);
        assertThat(created.text("date_created")).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(http.post(auth, path, params("Ttl", "0")).json().get("ttl").asInt()).isEqualTo(0);
        assertThat(http.post(auth, path, params("Ttl", "150")).json().get("ttl").asInt()).isEqualTo(150);
    }

    @Test
    void theAccountAndTheChallengesDeviceListItsNotifications() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String path = notificationsPath(service, createPushChallenge(service, ID, device, "Login").get("sid").asText());
        assertThat(http.get(auth, path).json().get("notifications")).isEmpty();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(http.post(auth, path, params("Ttl", Integer.toString(100 + i))).text("sid"));
            clock.advance(Duration.ofMillis(5));
        }

        Http.Reply listed = http.get(auth, path);
        assertThat(listed.json().get("meta").get("key").asText()).isEqualTo("notifications");
        assertThat(sids(listed.json())).containsExactlyElementsOf(created);
        // The device polls as the SDKs send GETs: Accept: application/x-www-form-urlencoded.
        Http.Reply byDevice = http.get(device.auth(clock.instant()), path, Map.of("Accept", "application/x-www-form-urlencoded"));
        assertThat(byDevice.status()).as(byDevice.raw().body()).isEqualTo(200);
        assertThat(byDevice.json()).isEqualTo(listed.json());

        List<String> paged = new ArrayList<>();
        String url = path + "?PageSize=2";
        while (url != null) {
            JsonNode page = http.get(device.auth(clock.instant()), url).json();
            paged.addAll(sids(page));
            url = page.get("meta").get("next_page_url").isNull() ? null : page.get("meta").get("next_page_url").asText();
        }
        assertThat(paged).containsExactlyElementsOf(created);

        TestDevice sibling = verifiedPushDevice(service, ID);
        assertError(http.get(sibling.auth(clock.instant()), path), 404, 20404);
        TestDevice stranger = verifiedPushDevice(service, "user-00000002");
        assertError(http.get(stranger.auth(clock.instant()), path), 403, 20003);
        assertError(http.post(device.auth(clock.instant()), path, params()), 403, 20003);
        assertThat(http.get(auth, path).json().get("notifications")).hasSize(3);
    }

    @Test
    void notificationsNeedAPendingUnexpiredPushChallenge() {
        String service = createService();
        String[] totp = verifiedTotpFactor(service, ID);
        String totpChallenge = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", totp[0])).text("sid");
        Http.Reply notPush = http.post(auth, notificationsPath(service, totpChallenge), params());
        assertError(notPush, 400, 60306);
        assertThat(notPush.text("message")).contains("push");

        TestDevice device = verifiedPushDevice(service, ID);
        String approved = createPushChallenge(service, ID, device, "Approve me").get("sid").asText();
        String approvedPath = entityPath(service, ID) + "/Challenges/" + approved;
        Http.Reply fetched = http.get(device.auth(clock.instant()), approvedPath);
        http.post(device.auth(clock.instant()), approvedPath, params("AuthPayload",
                device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved")));
        assertError(http.post(auth, notificationsPath(service, approved), params()), 403, 60322);

        String expired = createPushChallenge(service, ID, device, "Too late").get("sid").asText();
        clock.advance(Duration.ofMinutes(5));
        assertError(http.post(auth, notificationsPath(service, expired), params()), 403, 60323);
        assertError(http.post(auth, notificationsPath(service, "YC" + "0".repeat(32)), params()), 404, 20404);
        assertError(http.post(auth, notificationsPath(service, "not-a-sid"), params()), 404, 20404);

        String pending = createPushChallenge(service, ID, device, "Pending").get("sid").asText();
        for (String ttl : new String[] {"-1", "301", "soon"}) {
            Http.Reply reply = http.post(auth, notificationsPath(service, pending), params("Ttl", ttl));
            assertError(reply, 400, 60306);
            assertThat(reply.text("message")).contains("Ttl");
        }
        for (String challenge : new String[] {totpChallenge, approved, expired, pending}) {
            assertThat(http.get(auth, notificationsPath(service, challenge)).json().get("notifications")).isEmpty();
        }
    }

    private static String notificationsPath(String service, String challenge) {
        return entityPath(service, ID) + "/Challenges/" + challenge + "/Notifications";
    }

    private static List<String> sids(JsonNode page) {
        List<String> sids = new ArrayList<>();
        page.get("notifications").forEach(n -> sids.add(n.get("sid").asText()));
        return sids;
    }
}
