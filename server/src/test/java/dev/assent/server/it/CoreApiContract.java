package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.account.Account;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services, entities, factors, authentication, paging and input errors, over HTTP on a real database. */
abstract class CoreApiContract extends ApiFixture {

    @Test
    void serviceLifecycleRendersTwilioFields() {
        Http.Reply created = http.post(auth, "/v2/Services", params("FriendlyName", "My App", "Totp.Issuer", "Acme",
                "Totp.TimeStep", "45", "Push.IncludeDate", "true"));
        assertThat(created.status()).isEqualTo(201);
        String sid = created.text("sid");
        assertThat(sid).matches("VA[0-9a-f]{32}");
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.json().get("totp").get("issuer").asText()).isEqualTo("Acme");
        assertThat(created.json().get("totp").get("time_step").asInt()).isEqualTo(45);
        assertThat(created.json().get("totp").get("skew").isNull()).isTrue();
        assertThat(created.json().get("push").get("include_date").asBoolean()).isTrue();
        assertThat(created.text("date_created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.text("url")).isEqualTo(server.publicBase() + "/v2/Services/" + sid);
        assertThat(created.json().get("links").get("entities").asText()).isEqualTo(server.publicBase() + "/v2/Services/" + sid + "/Entities");

        Http.Reply updated = http.post(auth, "/v2/Services/" + sid, params("FriendlyName", "Renamed", "Totp.Skew", "2"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("friendly_name")).isEqualTo("Renamed");
        assertThat(updated.json().get("totp").get("time_step").asInt()).isEqualTo(45);
        assertThat(http.get(auth, "/v2/Services/" + sid).text("friendly_name")).isEqualTo("Renamed");

        assertThat(http.delete(auth, "/v2/Services/" + sid).status()).isEqualTo(204);
        assertError(http.get(auth, "/v2/Services/" + sid), 404, 20404);
        assertError(http.delete(auth, "/v2/Services/" + sid), 404, 20404);
    }

    @Test
    void serviceSettingsOutOfRangeAreRejectedByName() {
        Http.Reply reply = http.post(auth, "/v2/Services", params("FriendlyName", "x", "Totp.TimeStep", "61"));
        assertError(reply, 400, 60200);
        assertThat(reply.text("message")).contains("Totp.TimeStep");
        assertError(http.post(auth, "/v2/Services", params("Totp.Skew", "1")), 400, 60200);
        assertError(http.post(auth, "/v2/Services", params("FriendlyName", "x", "Totp.CodeLength", "abc")), 400, 60200);
        assertError(http.post(auth, "/v2/Services", params("FriendlyName", "x".repeat(33))), 400, 60200);
        assertThat(http.get(auth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void wrongOrMissingCredentialsGet401WithDateAndJson() {
        for (String bad : new String[] {null, Http.basic(account.sid().value(), "wrong-token-0000000000"),
                Http.basic("ACffffffffffffffffffffffffffffffff", account.authToken().reveal()), "Bearer abc", "Basic !!!"}) {
            Http.Reply reply = http.get(bad, "/v2/Services");
            assertError(reply, 401, 20003);
            assertThat(reply.header("Date")).isNotBlank();
        }
    }

    @Test
    void anotherAccountsServicesAreNotFound() {
        String service = createService();
        Account other = server.accounts().create();
        String otherAuth = Http.basic(other.sid().value(), other.authToken().reveal());
        assertError(http.get(otherAuth, "/v2/Services/" + service), 404, 20404);
        assertError(http.post(otherAuth, "/v2/Services/" + service + "/Entities", params("Identity", "user-00000001")), 404, 20404);
        assertThat(http.get(otherAuth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void entityLifecycleAndIdentityRules() {
        String service = createService();
        Http.Reply created = http.post(auth, "/v2/Services/" + service + "/Entities", params("Identity", "ff483d1f-f591-898a"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("sid")).matches("YE[0-9a-f]{32}");
        assertThat(created.json().get("links").get("factors").asText()).endsWith("/Entities/ff483d1f-f591-898a/Factors");
        assertThat(http.get(auth, entityPath(service, "ff483d1f-f591-898a")).text("sid")).isEqualTo(created.text("sid"));

        for (String bad : new String[] {"short", "x".repeat(65), "has space", "double--dash", "-leading"}) {
            Http.Reply reply = http.post(auth, "/v2/Services/" + service + "/Entities", params("Identity", bad));
            assertError(reply, 400, 60367);
            assertThat(reply.text("message")).contains("Identity");
        }
        assertError(http.post(auth, "/v2/Services/" + service + "/Entities", params("Identity", "ff483d1f-f591-898a")), 409, 60301);
        assertThat(http.get(auth, "/v2/Services/" + service + "/Entities").json().get("entities")).hasSize(1);
        verifiedTotpFactor(service, "ff483d1f-f591-898a");
        assertThat(http.delete(auth, entityPath(service, "ff483d1f-f591-898a")).status()).isEqualTo(204);
        assertError(http.get(auth, entityPath(service, "ff483d1f-f591-898a")), 404, 20404);
        assertError(http.get(auth, entityPath(service, "ff483d1f-f591-898a") + "/Factors"), 404, 20404);
    }

    @Test
    void firstFactorForAnUnknownIdentityCreatesItsEntity() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, "new-user-0001");
        assertThat(factor[0]).matches("YF[0-9a-f]{32}");
        assertThat(http.get(auth, entityPath(service, "new-user-0001")).status()).isEqualTo(200);
    }

    @Test
    void listsPageWithAbsoluteUrlsTheClientCanFollow() {
        for (int i = 0; i < 7; i++) {
            http.post(auth, "/v2/Services", params("FriendlyName", "Service " + i));
            clock.advance(java.time.Duration.ofMillis(1));
        }
        List<String> names = new ArrayList<>();
        String url = "/v2/Services?PageSize=3";
        int pages = 0;
        while (url != null) {
            Http.Reply reply = http.get(auth, url);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            JsonNode meta = reply.json().get("meta");
            assertThat(meta.get("key").asText()).isEqualTo("services");
            assertThat(meta.get("page_size").asInt()).isEqualTo(3);
            assertThat(meta.get("page").asInt()).isEqualTo(pages);
            assertThat(meta.get("first_page_url").asText()).startsWith(server.publicBase() + "/v2/Services?");
            reply.json().get("services").forEach(s -> names.add(s.get("friendly_name").asText()));
            url = meta.get("next_page_url").isNull() ? null : meta.get("next_page_url").asText();
            if (pages > 0) {
                assertThat(meta.get("previous_page_url").asText()).contains("PageToken=PB");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("Service 0", "Service 1", "Service 2", "Service 3", "Service 4", "Service 5", "Service 6");
        Http.Reply second = http.get(auth, "/v2/Services?PageSize=3&Page=1");
        assertThat(second.json().get("services").get(0).get("friendly_name").asText()).isEqualTo("Service 3");
        assertError(http.get(auth, "/v2/Services?PageSize=1001"), 400, 60200);
        assertError(http.get(auth, "/v2/Services?PageToken=garbage"), 400, 60200);
        assertThat(http.get(auth, "/v2/Services?pagesize=2").json().get("services")).hasSize(2);
    }

    @Test
    void malformedInputGets4xxAndChangesNothing() {
        String service = createService();
        String factors = entityPath(service, "user-00000001") + "/Factors";
        assertError(http.postRaw(auth, factors, "FriendlyName=%ZZ&FactorType=totp".getBytes(StandardCharsets.US_ASCII)), 400, 60306);
        assertError(http.postRaw(auth, factors, new byte[] {'F', 'r', 'i', 'e', 'n', 'd', 'l', 'y', 'N', 'a', 'm', 'e', '=',
                (byte) 0xC3, (byte) 0x28, '&', 'F', 'a', 'c', 't', 'o', 'r', 'T', 'y', 'p', 'e', '=', 't', 'o', 't', 'p'}), 400, 60306);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "totp", "Metadata", "{not json")), 400, 60306);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "totp", "Metadata", "{\"a\":1}")), 400, 60306);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "totp", "Metadata",
                "{\"a\":\"" + "b".repeat(1100) + "\"}")), 400, 60306);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "passkeys")), 400, 60369);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "totp", "Binding.Secret", "not base32!")),
                400, 60314);
        assertError(http.post(auth, factors, params("FriendlyName", "x", "FactorType", "push", "Binding.Alg", "ES256",
                "Binding.PublicKey", "AAAA", "Config.AppId", "a", "Config.SdkVersion", "1")), 400, 60314);
        assertError(http.postRaw(auth, factors, ("FriendlyName=" + "x".repeat(70_000)).getBytes(StandardCharsets.US_ASCII)), 413, 60200);
        assertError(http.get(auth, entityPath(service, "user-00000001")), 404, 20404);
        assertError(http.get(auth, "/v2/Nothing"), 404, 20404);
    }

    @Test
    void totpFactorLifecycle() {
        String service = createService();
        Http.Reply created = http.post(auth, entityPath(service, "user-00000001") + "/Factors",
                params("FriendlyName", "John's phone", "FactorType", "totp", "Config.CodeLength", "8", "Config.Alg", "sha256"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode binding = created.json().get("binding");
        assertThat(binding.get("secret").asText()).matches("[A-Z2-7]+");
        assertThat(binding.get("uri").asText()).startsWith("otpauth://totp/Test%20Service:John%27s%20phone?secret=")
                .contains("algorithm=SHA256").contains("digits=8");
        assertThat(created.json().get("config").get("code_length").asInt()).isEqualTo(8);
        assertThat(created.text("status")).isEqualTo("unverified");
        String sid = created.text("sid");
        Http.Reply fetched = http.get(auth, entityPath(service, "user-00000001") + "/Factors/" + sid);
        assertThat(fetched.json().has("binding")).isFalse();

        Http.Reply wrong = http.post(auth, entityPath(service, "user-00000001") + "/Factors/" + sid, params("AuthPayload", "00000000"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.text("status")).isEqualTo("unverified");
        assertThat(http.get(auth, entityPath(service, "user-00000001") + "/Factors").json().get("factors")).hasSize(1);
        assertThat(http.delete(auth, entityPath(service, "user-00000001") + "/Factors/" + sid).status()).isEqualTo(204);
        assertError(http.get(auth, entityPath(service, "user-00000001") + "/Factors/" + sid), 404, 20404);
    }

    @Test
    void anEntityHoldsAtMostTwentyPushFactorsAndEachKeyOnce() {
        String service = createService();
        String factors = entityPath(service, "user-00000001") + "/Factors";
        String firstKey = null;
        for (int i = 0; i < 20; i++) {
            TestDevice device = new TestDevice();
            firstKey = firstKey == null ? device.publicKey() : firstKey;
            assertThat(http.post(auth, factors, pushFactor(device.publicKey())).status()).isEqualTo(201);
        }
        assertError(http.post(auth, factors, pushFactor(new TestDevice().publicKey())), 400, 60315);
        assertThat(http.get(auth, factors + "?PageSize=50").json().get("factors")).hasSize(20);
        String other = entityPath(service, "user-00000002") + "/Factors";
        assertThat(http.post(auth, other, pushFactor(firstKey)).status()).isEqualTo(201);
        assertError(http.post(auth, other, pushFactor(firstKey)), 409, 60317);
    }

    @Test
    void factorVerificationStopsAfterFiveWrongProofs() {
        String service = createService();
        String sid = http.post(auth, entityPath(service, "user-00000001") + "/Factors",
                params("FriendlyName", "a", "FactorType", "totp")).text("sid");
        String path = entityPath(service, "user-00000001") + "/Factors/" + sid;
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(auth, path, params("AuthPayload", "12345")).text("status")).isEqualTo("unverified");
        }
        assertError(http.post(auth, path, params("AuthPayload", "123456")), 429, 60310);
    }

    @Test
    void pushFactorsCarryAStableCredentialSidAndNoBindingAfterCreation() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, "user-00000001");
        assertThat(device.credentialSid).matches("CR[0-9a-f]{32}");
        String path = entityPath(service, "user-00000001") + "/Factors/" + device.factorSid;
        Http.Reply fetched = http.get(auth, path);
        assertThat(fetched.json().get("config").get("credential_sid").asText()).isEqualTo(device.credentialSid);
        assertThat(fetched.json().has("binding")).isFalse();
        Http.Reply updated = http.post(device.auth(clock.instant()), path, params("FriendlyName", "New name",
                "Config.AppId", "com.example.app", "Config.NotificationPlatform", "fcm", "Config.NotificationToken", "t".repeat(40)));
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.json().get("config").get("credential_sid").asText()).isEqualTo(device.credentialSid);
        assertThat(updated.json().get("config").get("notification_platform").asText()).isEqualTo("fcm");
        assertThat(http.delete(device.auth(clock.instant()), path).status()).isEqualTo(204);
        assertError(http.get(auth, path), 404, 20404);
    }

    private static java.util.List<java.util.Map.Entry<String, String>> pushFactor(String publicKey) {
        return params("FriendlyName", "Phone", "FactorType", "push", "Binding.Alg", "ES256", "Binding.PublicKey", publicKey,
                "Config.AppId", "com.example.app", "Config.NotificationPlatform", "none", "Config.SdkVersion", "0.9.0");
    }
}
