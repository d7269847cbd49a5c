package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Error messages as Twilio words them, pinned: a 404 names the missing resource's path (without the
 * version prefix) or, for a path that names nothing, the request's path; a 400 names the parameter as
 * it was sent and quotes its value. The features name neither; the http edge does.
 */
abstract class WireMessagesContract extends ApiFixture {

    private static final String ZEROS = "0".repeat(32);

    @Test
    void notFoundMessagesNameTheMissingResourcesPath() {
        String service = createService();
        String entity = entityPath(service, "user-00000001");
        String[] factor = verifiedTotpFactor(service, "user-00000001");

        assertNotFound(http.get(auth, "/v2/Services/VA" + ZEROS), "/Services/VA" + ZEROS);
        assertNotFound(http.delete(auth, "/v2/Services/VA" + ZEROS), "/Services/VA" + ZEROS);
        assertNotFound(http.get(auth, "/v2/Services/nope"), "/Services/nope");
        assertNotFound(http.get(auth, "/v2/Services/VA" + ZEROS + "/Webhooks"), "/Services/VA" + ZEROS);
        assertNotFound(http.get(auth, "/v2/Nothing"), "/v2/Nothing");

        assertNotFound(http.get(auth, entityPath(service, "user-00000002")), "/Services/" + service + "/Entities/user-00000002");
        assertNotFound(http.get(auth, entity + "/Factors/YF" + ZEROS),
                "/Services/" + service + "/Entities/user-00000001/Factors/YF" + ZEROS);
        assertNotFound(http.get(auth, entity + "/Factors/not-a-sid"), entity + "/Factors/not-a-sid");
        // The factor a new challenge names, not the request's path.
        assertNotFound(http.post(auth, entity + "/Challenges", params("FactorSid", "YF" + ZEROS)),
                "/Services/" + service + "/Entities/user-00000001/Factors/YF" + ZEROS);
        assertNotFound(http.get(auth, entity + "/Challenges/YC" + ZEROS),
                "/Services/" + service + "/Entities/user-00000001/Challenges/YC" + ZEROS);
        assertNotFound(http.post(auth, entity + "/Challenges/YC" + ZEROS + "/Notifications", params()),
                "/Services/" + service + "/Entities/user-00000001/Challenges/YC" + ZEROS);
        assertThat(factor[0]).startsWith("YF");

        assertNotFound(http.get(auth, "/v2/Services/" + service + "/Webhooks/YW" + ZEROS),
                "/Services/" + service + "/Webhooks/YW" + ZEROS);
        assertNotFound(http.get(auth, "/v2/Services/" + service + "/Webhooks/YW" + ZEROS + "/Deliveries"),
                "/Services/" + service + "/Webhooks/YW" + ZEROS);
        assertNotFound(http.post(auth, "/v2/Services/" + service + "/Webhooks/YW" + ZEROS, params("FriendlyName", "x")),
                "/Services/" + service + "/Webhooks/YW" + ZEROS);
        assertNotFound(http.get(auth, "/v2/Services/" + service + "/AccessTokens/YK" + ZEROS),
                "/Services/" + service + "/AccessTokens/YK" + ZEROS);

        assertNotFound(http.get(auth, "/v1/Credentials/CR" + ZEROS), "/Credentials/CR" + ZEROS);
        assertNotFound(http.delete(auth, "/v1/Credentials/CR" + ZEROS), "/Credentials/CR" + ZEROS);
        String keys = "/2010-04-01/Accounts/" + account.sid() + "/Keys";
        assertNotFound(http.get(auth, keys + "/SK" + ZEROS + ".json"), "/Keys/SK" + ZEROS);
        assertNotFound(http.delete(auth, keys + "/SK" + ZEROS + ".json"), "/Keys/SK" + ZEROS);
        assertNotFound(http.get(auth, keys + "/SKnothex.json"), keys + "/SKnothex.json");
    }

    @Test
    void serviceAndCredentialParametersAreNamedAsSent() {
        String tooLong = "n".repeat(33);
        assertMessage(http.post(auth, "/v2/Services", params()), 400, "Missing required parameter FriendlyName");
        assertMessage(http.post(auth, "/v2/Services", params("FriendlyName", tooLong)), 400,
                "Invalid parameter FriendlyName '" + tooLong + "': must be 1 to 32 characters");
        assertMessage(http.post(auth, "/v2/Services", params("FriendlyName", "S", "Push.ApnCredentialSid", "CRbad")), 400,
                "Invalid parameter Push.ApnCredentialSid 'CRbad': must be a CR SID");
        assertMessage(http.post(auth, "/v2/Services", params("FriendlyName", "S", "Push.FcmCredentialSid", "CR" + ZEROS)), 400,
                "Invalid parameter Push.FcmCredentialSid 'CR" + ZEROS + "': must name one of the account's fcm credentials");
        assertMessage(http.post(auth, "/v2/Services", params("FriendlyName", "S", "Totp.TimeStep", "61")), 400,
                "Invalid parameter Totp.TimeStep '61': must be between 20 and 60");
        assertMessage(http.post(auth, "/v2/Services", params("FriendlyName", "S", "Totp.Issuer", " ")), 400,
                "Invalid parameter Totp.Issuer ' ': must be 1 to 255 characters");

        assertMessage(http.post(auth, "/v1/Credentials", params("Secret", "x")), 400, "Missing required parameter Type");
        assertMessage(http.post(auth, "/v1/Credentials", params("Type", "gcm")), 400,
                "Invalid parameter Type 'gcm': must be apn or fcm");
        assertMessage(http.post(auth, "/v1/Credentials", params("Type", "FCM")), 400, "Missing required parameter Secret");
        assertMessage(http.post(auth, "/v1/Credentials", params("Type", "fcm", "Secret", "not json")), 400,
                "Invalid parameter Secret: must be a Google service-account JSON document");
        assertMessage(http.post(auth, "/v1/Credentials", params("Type", "apn", "ApnKeyId", "K")), 400,
                "Missing required parameter PrivateKey");

        String longName = "k".repeat(65);
        assertMessage(http.post(auth, "/2010-04-01/Accounts/" + account.sid() + "/Keys.json", params("FriendlyName", longName)), 400,
                "Invalid parameter FriendlyName '" + "k".repeat(61) + "...': must be at most 64 characters");
    }

    @Test
    void webhookChallengeAndNotificationParametersAreNamedAsSent() {
        String service = createService();
        String webhooks = "/v2/Services/" + service + "/Webhooks";
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h")), 400,
                "Missing required parameter EventTypes");
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "factor.exploded")), 400, "Invalid parameter EventTypes 'factor.exploded': must be one of *, "
                + "factor.created, factor.verified, factor.deleted, challenge.approved, challenge.denied, challenge.expired");
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "ftp://example.com/h", "EventTypes", "*")),
                400, "Invalid parameter WebhookUrl 'ftp://example.com/h': must be an absolute http or https URL");
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "https://exa mple.com", "EventTypes", "*")),
                400, "Invalid parameter WebhookUrl 'https://exa mple.com': must be an absolute http or https URL");
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "*", "Status", "paused")), 400, "Invalid parameter Status 'paused': must be enabled or disabled");
        assertMessage(http.post(auth, webhooks, params("FriendlyName", "B", "WebhookUrl", "https://example.com/h",
                "EventTypes", "*", "Version", "v3")), 400, "Invalid parameter Version 'v3': must be v1 or v2");

        String entity = entityPath(service, "user-00000001");
        String[] totp = verifiedTotpFactor(service, "user-00000001");
        assertMessage(http.post(auth, entity + "/Challenges", params()), 400, "Missing required parameter FactorSid");
        assertMessage(http.post(auth, entity + "/Challenges", params("FactorSid", "YFbad")), 400,
                "Invalid parameter FactorSid 'YFbad': must be a YF SID");
        assertMessage(http.post(auth, entity + "/Challenges", params("FactorSid", totp[0], "ExpirationDate", "2026-01-15T12:00:00Z")),
                400, "Invalid parameter ExpirationDate '2026-01-15T12:00:00Z': must be in the future and at most 60 minutes after creation");
        assertMessage(http.post(auth, entity + "/Challenges", params("FactorSid", totp[0], "AuthPayload", "12")), 400,
                "Invalid parameter AuthPayload: a TOTP code is 3 to 8 characters");
        assertMessage(http.get(auth, entity + "/Challenges?Status=bogus"), 400,
                "Invalid parameter Status 'bogus': must be pending, expired, approved or denied");

        Http.Reply challenge = http.post(auth, entity + "/Challenges", params("FactorSid", totp[0]));
        assertThat(challenge.status()).as(challenge.raw().body()).isEqualTo(201);
        String notifications = entity + "/Challenges/" + challenge.text("sid") + "/Notifications";
        assertMessage(http.post(auth, notifications, params("Ttl", "301")), 400, "Invalid parameter Ttl '301': must be between 0 and 300");
        assertMessage(http.post(auth, notifications, params()), 400, "Invalid parameter ChallengeSid '" + challenge.text("sid")
                + "': is a totp challenge; notifications are sent for push challenges only");
        assertMessage(http.post(auth, entity + "/Challenges/" + challenge.text("sid"), params()), 400,
                "Missing required parameter AuthPayload");

        TestDevice device = verifiedPushDevice(service, "user-00000002");
        assertMessage(http.post(auth, entityPath(service, "user-00000002") + "/Challenges", params("FactorSid", device.factorSid)), 400,
                "Missing required parameter Details.Message for a push factor");
        assertMessage(http.post(auth, entityPath(service, "user-00000002") + "/Challenges", params("FactorSid", device.factorSid,
                "Details.Message", "m", "AuthPayload", "123456")), 400, "Invalid parameter AuthPayload: is only used with totp factors");
    }

    private static void assertNotFound(Http.Reply reply, String path) {
        assertMessage(reply, 404, "The requested resource " + path + " was not found");
        assertThat(reply.json().get("code").asInt()).isEqualTo(20404);
    }

    private static void assertMessage(Http.Reply reply, int status, String message) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.json().get("message").asText()).isEqualTo(message);
    }
}
