package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The Credentials resource and the Service's references to it, through HTTP. */
abstract class CredentialApiContract extends ApiFixture {

    String fcmCredential() {
        String json = PushTestKeys.serviceAccountJson(PushTestKeys.rsaKeyPair(), "demo-project", "http://127.0.0.1:1/token");
        Http.Reply reply = http.post(auth, "/v1/Credentials", params("Type", "fcm", "FriendlyName", "Android", "Secret", json));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    @Test
    void credentialsAreCreatedFetchedListedUpdatedAndDeletedWithoutEverShowingSecrets() {
        String fcm = fcmCredential();
        PushTestKeys.SelfSigned tls = PushTestKeys.selfSigned("apns client");
        Http.Reply apn = http.post(auth, "/v1/Credentials", params("Type", "apn", "FriendlyName", "iOS",
                "Certificate", tls.certificatePem(), "PrivateKey", tls.privateKeyPem(), "Sandbox", "true"));
        assertThat(apn.status()).as(apn.raw().body()).isEqualTo(201);
        assertThat(apn.text("sid")).matches("CR[0-9a-f]{32}");
        assertThat(apn.text("type")).isEqualTo("apn");
        assertThat(apn.text("sandbox")).isEqualTo("true");
        assertThat(apn.text("url")).endsWith("/v1/Credentials/" + apn.text("sid"));
        assertThat(apn.raw().body()).doesNotContain("PRIVATE KEY").doesNotContain("CERTIFICATE");

        Http.Reply token = http.post(auth, "/v1/Credentials", params("Type", "apn", "PrivateKey", PushTestKeys.p8SigningKey(),
                "ApnKeyId", "ABC123DEFG", "ApnTeamId", "TEAM123456"));
        assertThat(token.status()).as(token.raw().body()).isEqualTo(201);
        assertThat(token.raw().body()).doesNotContain("PRIVATE KEY");

        Http.Reply fetched = http.get(auth, "/v1/Credentials/" + fcm);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.text("type")).isEqualTo("fcm");
        assertThat(fetched.text("friendly_name")).isEqualTo("Android");
        assertThat(fetched.raw().body()).doesNotContain("private_key").doesNotContain("PRIVATE KEY");

        JsonNode list = http.get(auth, "/v1/Credentials").json();
        assertThat(list.get("credentials")).hasSize(3);
        assertThat(list.toString()).doesNotContain("PRIVATE KEY");

        Http.Reply renamed = http.post(auth, "/v1/Credentials/" + fcm, params("FriendlyName", "Android prod"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("friendly_name")).isEqualTo("Android prod");

        assertThat(http.delete(auth, "/v1/Credentials/" + fcm).status()).isEqualTo(204);
        assertError(http.get(auth, "/v1/Credentials/" + fcm), 404, 20404);
    }

    @Test
    void invalidCredentialsAreRefusedWithoutQuotingTheSecret() {
        assertError(http.post(auth, "/v1/Credentials", params("Type", "gcm", "Secret", "x")), 400, 60200);
        Http.Reply badJson = http.post(auth, "/v1/Credentials", params("Type", "fcm", "Secret", "{\"project_id\":\"p\"}"));
        assertError(badJson, 400, 60200);
        Http.Reply badKey = http.post(auth, "/v1/Credentials", params("Type", "apn", "PrivateKey", "sekrit-value",
                "ApnKeyId", "K", "ApnTeamId", "T"));
        assertError(badKey, 400, 60200);
        assertThat(badKey.raw().body()).doesNotContain("sekrit-value");
    }

    @Test
    void aServiceMayNameOnlyTheAccountsCredentialsOfTheRightType() {
        String fcm = fcmCredential();
        String service = createService();
        assertError(http.post(auth, "/v2/Services/" + service, params("Push.ApnCredentialSid", fcm)), 400, 60200);
        assertError(http.post(auth, "/v2/Services/" + service, params("Push.FcmCredentialSid", "CR" + "0".repeat(32))), 400, 60200);
        assertError(http.post(auth, "/v2/Services", params("FriendlyName", "x", "Push.FcmCredentialSid", "CR" + "1".repeat(32))),
                400, 60200);

        var other = server.accounts().create();
        String otherAuth = Http.basic(other.sid().value(), other.authToken().reveal());
        assertError(http.get(otherAuth, "/v1/Credentials/" + fcm), 404, 20404);
        Http.Reply otherService = http.post(otherAuth, "/v2/Services", params("FriendlyName", "Other", "Push.FcmCredentialSid", fcm));
        assertError(otherService, 400, 60200);

        Http.Reply ok = http.post(auth, "/v2/Services/" + service, params("Push.FcmCredentialSid", fcm));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().get("push").get("fcm_credential_sid").asText()).isEqualTo(fcm);
    }
}
