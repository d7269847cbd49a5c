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
    void anRs256CredentialIsSavedWithItsAlgorithmAndSignsAfterReloading() throws Exception {
        SoftwareAuthenticator first = SoftwareAuthenticator.create();
        WebAuthnOracle oracle = new WebAuthnOracle(ORIGIN, RP_ID);
        byte[] challenge = PasskeyOptions.randomChallenge();
        ObjectNode options = PasskeyOptions.creation(RP_ID, challenge, "alice".getBytes(StandardCharsets.US_ASCII), "none", "preferred");
        options.with("publicKey").putArray("pubKeyCredParams").addObject().put("type", "public-key").put("alg", -257);
        CredentialRecord record = oracle.register(first.register(options, ORIGIN).json(), challenge, false);

        ObjectNode saved = first.toJson();
        assertThat(saved.at("/credentials/0/alg").asInt()).isEqualTo(-257);
        SoftwareAuthenticator second = SoftwareAuthenticator.fromJson(PasskeyOptions.JSON.readTree(saved.toString()));
        assertThat(second.credentials()).isEqualTo(first.credentials());
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = second.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN);
        assertThat(oracle.authenticate(assertion.json(), login, record, false).getAuthenticatorData().getSignCount()).isEqualTo(1);

        // Its RSA keys under the ES256 label do not make an ES256 credential.
        ((ObjectNode) saved.withArray("credentials").get(0)).put("alg", -7);
        assertThatThrownBy(() -> SoftwareAuthenticator.fromJson(saved))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not belong together");
        ((ObjectNode) saved.withArray("credentials").get(0)).put("alg", -8);
        assertThatThrownBy(() -> SoftwareAuthenticator.fromJson(saved))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alg");
    }

    /** A state written before RS256 has no {@code alg}: its credentials are ES256 and keep signing. */
    @Test
    void aStateWithoutAlgorithmsIsEs256() {
        SoftwareAuthenticator first = SoftwareAuthenticator.create();
        WebAuthnOracle oracle = new WebAuthnOracle(ORIGIN, RP_ID);
        byte[] challenge = PasskeyOptions.randomChallenge();
        CredentialRecord record = oracle.register(first.register(PasskeyOptions.creation(RP_ID, challenge,
                "alice".getBytes(StandardCharsets.US_ASCII), "none", "preferred"), ORIGIN).json(), challenge, false);
        ObjectNode old = first.toJson();
        ((ObjectNode) old.withArray("credentials").get(0)).remove("alg");

        SoftwareAuthenticator reloaded = SoftwareAuthenticator.fromJson(old);

        assertThat(reloaded.credentials()).isEqualTo(first.credentials());
        assertThat(reloaded.credentials().get(0).algorithm()).isEqualTo(SoftwareAuthenticator.COSE_ES256);
        byte[] login = PasskeyOptions.randomChallenge();
        PasskeyAssertion assertion = reloaded.authenticate(PasskeyOptions.request(RP_ID, login, "preferred"), ORIGIN);
        assertThat(oracle.authenticate(assertion.json(), login, record, false).getAuthenticatorData().getSignCount()).isEqualTo(1);
        assertThat(reloaded.toJson().at("/credentials/0/alg").asInt()).isEqualTo(-7);
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
