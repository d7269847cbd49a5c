package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The steps passkeys scenarios share: a service with passkeys settings, registration, login and approval over HTTP. */
abstract class PasskeyFixture extends ApiFixture {

    static final String ORIGIN = "https://example.com";
    static final String RP_ID = "example.com";
    static final String ALICE = "alice-0001";
    static final String BOB = "bob-000001";

    String passkeyService() {
        return passkeyService(auth, "preferred");
    }

    String passkeyService(String credentials, String userVerification) {
        Http.Reply reply = http.post(credentials, "/v2/Services", params("FriendlyName", "Passkeys",
                "Passkeys.RelyingParty.Id", RP_ID, "Passkeys.RelyingParty.Name", "Example",
                "Passkeys.RelyingParty.Origins", ORIGIN + ",https://login.example.com",
                "Passkeys.AuthenticatorAttachment", "platform", "Passkeys.DiscoverableCredentials", "preferred",
                "Passkeys.UserVerification", userVerification));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    static String passkeys(String service, String operation) {
        return "/v2/Services/" + service + "/Passkeys/" + operation;
    }

    Http.Reply createFactor(String credentials, String service, String identity) {
        return http.postJson(credentials, passkeys(service, "Factors"),
                "{\"friendly_name\":\"My passkey\",\"identity\":\"" + identity + "\"}");
    }

    /** A verified passkeys factor of {@code identity} held by {@code passkey}; returns its SID. */
    String registered(String credentials, String service, String identity, TestPasskey passkey) {
        Http.Reply created = createFactor(credentials, service, identity);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        Http.Reply verified = http.postJson(credentials, passkeys(service, "VerifyFactor"),
                passkey.create(created.json().get("options")).toString());
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("verified");
        return created.text("sid");
    }

    String registered(String service, String identity, TestPasskey passkey) {
        return registered(auth, service, identity, passkey);
    }

    JsonNode login(String credentials, String service, String body) {
        Http.Reply reply = http.postJson(credentials, passkeys(service, "Challenges"), body);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.json();
    }

    JsonNode login(String service, String body) {
        return login(auth, service, body);
    }

    Http.Reply approve(String credentials, String service, ObjectNode assertion) {
        return http.postJson(credentials, passkeys(service, "ApproveChallenge"), assertion.toString());
    }

    Http.Reply approve(String service, ObjectNode assertion) {
        return approve(auth, service, assertion);
    }

    static TestPasskey es256() {
        return new TestPasskey(TestPasskey.Alg.ES256, ORIGIN, RP_ID);
    }
}
