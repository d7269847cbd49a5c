package dev.assent.device.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.credential.CredentialRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The authenticator's state as the CLI's state file keeps it: saved, reloaded, still signing, counter kept. */
class SoftwareAuthenticatorStateTest {

    private static final String ORIGIN = "https://example.com";
    private static final String RP_ID = "example.com";

    @Test
    void aReloadedAuthenticatorSignsOnWithTheNextCounter() throws Exception {
        SoftwareAuthenticator first = SoftwareAuthenticator.create();
        WebAuthnOracle oracle = new WebAuthnOracle(ORIGIN, RP_ID);
        byte[] challenge = PasskeyOptions.randomChallenge();
        CredentialRecord record = oracle.register(first.register(PasskeyOptions.creation(RP_ID, challenge,
                "alice".getBytes(StandardCharsets.US_ASCII), "none", "preferred"), ORIGIN).json(), challenge, false);
        byte[] login = PasskeyOptions.randomChallenge();
        oracle.authenticate(first.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN).json(), login, record, false);

        String saved = PasskeyOptions.JSON.writeValueAsString(first.toJson());
        SoftwareAuthenticator second = SoftwareAuthenticator.fromJson(PasskeyOptions.JSON.readTree(saved));

        assertThat(second.aaguid()).isEqualTo(first.aaguid());
        assertThat(second.credentials()).isEqualTo(first.credentials());
        byte[] again = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = second.authenticate(PasskeyOptions.request(RP_ID, again, "preferred"), ORIGIN);
        assertThat(oracle.authenticate(assertion.json(), again, record, false).getAuthenticatorData().getSignCount()).isEqualTo(2);
        assertThat(second.toString()).doesNotContain(Base64.getEncoder().encodeToString(
                second.credentials().get(0).privateKeyPkcs8()));
    }

    @Test
    void aStateWithMismatchedKeysOrAnotherFormatIsRefused() {
        SoftwareAuthenticator one = SoftwareAuthenticator.create();
        SoftwareAuthenticator two = SoftwareAuthenticator.create();
        for (SoftwareAuthenticator authenticator : new SoftwareAuthenticator[] {one, two}) {
            authenticator.register(PasskeyOptions.creation(RP_ID, PasskeyOptions.randomChallenge(),
                    "alice".getBytes(StandardCharsets.US_ASCII), "none", "preferred"), ORIGIN);
        }
        ObjectNode mixed = one.toJson();
        ((ObjectNode) mixed.withArray("credentials").get(0)).put("public_key",
                two.toJson().at("/credentials/0/public_key").asText());
        assertThatThrownBy(() -> SoftwareAuthenticator.fromJson(mixed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not belong together")
                .hasMessageNotContaining(mixed.at("/credentials/0/private_key").asText());

        JsonNode other = PasskeyOptions.JSON.createObjectNode().put("format", "something-else");
        assertThatThrownBy(() -> SoftwareAuthenticator.fromJson(other)).isInstanceOf(IllegalArgumentException.class);
    }
}
