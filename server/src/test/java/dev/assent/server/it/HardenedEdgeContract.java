package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP edge refuses before anything is stored, and the instant a request is judged at, as an
 * attacker would try them: a NUL in a name or a path identity, a body held back past an expiry.
 */
abstract class HardenedEdgeContract extends ApiFixture {

    private static final String ID = "user-00000001";

    @Test
    void anApprovalHeldBackPastTheChallengesExpiryIsJudgedWhenItArrives() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = entityPath(service, ID) + "/Challenges/" + sid;
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String body = Http.form(params("AuthPayload",
                device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved")));

        try (RawConnection connection = new RawConnection(server.port())) {
            // Headers and all but the last byte of the body before the challenge expires (5 minutes) ...
            connection.send(post(path, device.auth(clock.instant()), body.length()) + body.substring(0, body.length() - 1));
            waitUntilTheServerIsReadingTheBody();
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            // ... the last one after: the answer is judged now, when it is complete.
            RawConnection.Response response = connection.send(body.substring(body.length() - 1)).read(Duration.ofSeconds(10));
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().get("code").asInt()).isEqualTo(60323);
            assertThat(response.header("Date")).isEqualTo(httpDate(clock.instant()));
        }
        Http.Reply after = http.get(auth, path);
        assertThat(after.text("status")).isEqualTo("expired");
        assertThat(after.text("date_responded")).isNull();
    }

    @Test
    void aTotpCodeHeldBackFiveMinutesIsJudgedWhenItArrives() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofMinutes(1));
        String body = Http.form(params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        String path = entityPath(service, ID) + "/Challenges";
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(post(path, auth, body.length()) + body.substring(0, body.length() - 1));
            waitUntilTheServerIsReadingTheBody();
            clock.advance(Duration.ofMinutes(5));
            RawConnection.Response response = connection.send(body.substring(body.length() - 1)).read(Duration.ofSeconds(10));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            // A code five minutes old (beyond the skew of one step) does not approve.
            assertThat(response.json().get("status").asText()).isEqualTo("pending");
            assertThat(response.json().get("date_responded").isNull()).isTrue();
        }
    }

    @Test
    void aNulInAFriendlyNameIsRefusedNamingItAndNothingChanges() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String factorPath = entityPath(service, ID) + "/Factors/" + device.factorSid;
        Http.Reply refused = http.postRaw(device.auth(clock.instant()), factorPath, "FriendlyName=evil%00name".getBytes(StandardCharsets.UTF_8));
        assertError(refused, 400, 60306);
        assertThat(refused.text("message")).contains("FriendlyName");
        assertThat(http.get(auth, factorPath).text("friendly_name")).isEqualTo("Pixel");

        assertError(http.postRaw(auth, "/v2/Services", "FriendlyName=a%7Fb".getBytes(StandardCharsets.UTF_8)), 400, 60200);
        assertError(http.postRaw(auth, "/v2/Services", "FriendlyName=a%0Ab".getBytes(StandardCharsets.UTF_8)), 400, 60200);
        assertThat(http.get(auth, "/v2/Services").json().get("services")).hasSize(1);
    }

    @Test
    void aNulInThePathIdentityIsRefusedNamingItAndNothingChanges() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        JsonNode challenge = createPushChallenge(service, ID, device, "Login");
        String sid = challenge.get("sid").asText();
        String evil = entityPath(service, ID + "%00");

        Http.Reply factor = http.post(device.auth(clock.instant()), evil + "/Factors/" + device.factorSid, params("FriendlyName", "x"));
        assertError(factor, 400, 60367);
        assertThat(factor.text("message")).contains("Identity");
        Http.Reply answer = http.post(device.auth(clock.instant()), evil + "/Challenges/" + sid, params("AuthPayload", "x.y.z"));
        assertError(answer, 400, 60367);
        assertThat(answer.text("message")).contains("Identity");
        Http.Reply notification = http.post(auth, evil + "/Challenges/" + sid + "/Notifications", params());
        assertError(notification, 400, 60367);
        assertThat(notification.text("message")).contains("Identity");
        assertError(http.post(auth, "/v2/Services/" + service + "/Entities", params("Identity", ID + "\u0000")), 400, 60367);

        assertThat(http.get(auth, "/v2/Services/" + service + "/Entities").json().get("entities")).hasSize(1);
        assertThat(http.get(auth, entityPath(service, ID) + "/Factors/" + device.factorSid).text("friendly_name")).isEqualTo("Pixel");
        Http.Reply unchanged = http.get(auth, entityPath(service, ID) + "/Challenges/" + sid);
        assertThat(unchanged.text("status")).isEqualTo("pending");
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges/" + sid + "/Notifications").json().get("notifications"))
                .isEmpty();
    }

    @Test
    void controlCharactersEscapedInsideJsonAreRefusedButJsonWhitespaceIsNot() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String challenges = entityPath(service, ID) + "/Challenges";
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "Login",
                "HiddenDetails", "{\"ip\":\"1\\u0000\"}")), 400, 60368);
        assertError(http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "Login",
                "Details.Fields", "{\"label\":\"IP\",\"value\":\"\\u0007\"}")), 400, 60368);
        assertThat(http.get(auth, challenges).json().get("challenges")).isEmpty();

        Http.Reply pretty = http.post(auth, challenges, params("FactorSid", device.factorSid, "Details.Message", "Login",
                "Details.Fields", "{\n\t\"label\": \"IP\",\r\n\t\"value\": \"10.0.0.1\"\n}"));
        assertThat(pretty.status()).as(pretty.raw().body()).isEqualTo(201);
    }

    private static String post(String path, String authorization, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /**
     * The request has no observable state until it is answered; a short real pause lets the server
     * take the headers and start on the body before the test clock moves (were it to move first,
     * the test would still pass, so the pause cannot make it pass wrongly, only make it meaningful).
     */
    private static void waitUntilTheServerIsReadingTheBody() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String httpDate(Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }
}
