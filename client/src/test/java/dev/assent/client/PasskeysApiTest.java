package dev.assent.client;

import static dev.assent.client.Fixtures.FACTOR_SID;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Passkeys operations and the service's passkeys settings against a fake server: JSON sent, JSON parsed. */
class PasskeysApiTest extends FakeServerTest {

    private static final String PASSKEYS_PATH = "/v2/Services/" + SERVICE_SID + "/Passkeys";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL = """
            {"id":"6ySmhJd6qGUMCthiqszyb4Od4U6TFn0v3DLz-1EZrNQ","rawId":"6ySmhJd6qGUMCthiqszyb4Od4U6TFn0v3DLz-1EZrNQ",\
            "authenticatorAttachment":"platform","type":"public-key",\
            "response":{"attestationObject":"o2NmbXRkbm9uZQ","clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",\
            "transports":["internal"]}}""";

    @Test
    void createPasskeyFactorPostsJsonWithConfigAndReturnsTheOptions() throws Exception {
        server.enqueue(201, Fixtures.example("passkeys_new_factor"));
        PasskeyFactor created = client.passkeys().createPasskeyFactor(SERVICE_SID, new PasskeyFactorParams("Laptop", IDENTITY,
                PasskeySettings.builder().relyingPartyId("example.com").relyingPartyName("Example")
                        .relyingPartyOrigins("https://example.com", "https://login.example.com")
                        .authenticatorAttachment(AuthenticatorAttachment.CROSS_PLATFORM)
                        .userVerification(PasskeyRequirement.REQUIRED).build()));

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(PASSKEYS_PATH + "/Factors");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo(Fixtures.BASIC);
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"friendly_name":"Laptop","identity":"ff483d1ff591898a9942916050d2ca3f",\
                "config":{"relying_party":{"id":"example.com","name":"Example",\
                "origins":["https://example.com","https://login.example.com"]},\
                "authenticator_attachment":"cross-platform","user_verification":"required"}}"""));
        assertThat(created.factor().sid()).isEqualTo(FACTOR_SID);
        assertThat(created.factor().status()).isEqualTo(FactorStatus.UNVERIFIED);
        assertThat(created.factor().factorType()).isEqualTo(FactorType.PASSKEYS);
        assertThat(created.factor().config()).containsEntry("authenticator_attachment", "platform");
        JsonNode options = JSON.readTree(created.options());
        assertThat(options.at("/publicKey/rp/id").asText()).isEqualTo("example.com");
        assertThat(options.at("/publicKey/challenge").asText()).isEqualTo("WUYwNDhkMWE3ZWMzYTJhNjk3MDA1OWMyNzY2YmJjN2UwZg");
    }

    @Test
    void aFactorWithoutConfigSendsOnlyNameAndIdentity() throws Exception {
        server.enqueue(201, Fixtures.example("passkeys_new_factor"));
        client.passkeys().createPasskeyFactor(SERVICE_SID, PasskeyFactorParams.of("Laptop", IDENTITY));
        assertThat(JSON.readTree(server.takeRequest().body()))
                .isEqualTo(JSON.readTree("{\"friendly_name\":\"Laptop\",\"identity\":\"" + IDENTITY + "\"}"));
    }

    @Test
    void verifyPasskeyFactorPostsTheCredentialAsIs() {
        server.enqueue(200, Fixtures.example("passkeys_verified_factor"));
        Factor factor = client.passkeys().verifyPasskeyFactor(SERVICE_SID, CREDENTIAL);

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo(PASSKEYS_PATH + "/VerifyFactor");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(CREDENTIAL);
        assertThat(factor.status()).isEqualTo(FactorStatus.VERIFIED);
        assertThat(factor.factorType()).isEqualTo(FactorType.PASSKEYS);
    }

    @Test
    void createPasskeyChallengeSendsEmptyIdentityOrFactorBodies() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(201, Fixtures.example("passkeys_new_challenge"));
        }
        PasskeyChallenge discoverable = client.passkeys().createPasskeyChallenge(SERVICE_SID, PasskeyChallengeParams.discoverable());
        client.passkeys().createPasskeyChallenge(SERVICE_SID, PasskeyChallengeParams.identity(IDENTITY));
        client.passkeys().createPasskeyChallenge(SERVICE_SID, PasskeyChallengeParams.factor(IDENTITY, FACTOR_SID));

        assertThat(server.takeRequest().body()).isEqualTo("{}");
        assertThat(JSON.readTree(server.takeRequest().body())).isEqualTo(JSON.readTree("{\"identity\":\"" + IDENTITY + "\"}"));
        FakeServer.Recorded third = server.takeRequest();
        assertThat(third.path()).isEqualTo(PASSKEYS_PATH + "/Challenges");
        assertThat(JSON.readTree(third.body()))
                .isEqualTo(JSON.readTree("{\"identity\":\"" + IDENTITY + "\",\"factor_sid\":\"" + FACTOR_SID + "\"}"));
        assertThat(discoverable.challenge().status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(discoverable.challenge().factorType()).isEqualTo(FactorType.PASSKEYS);
        assertThat(JSON.readTree(discoverable.options()).has("publicKey")).isTrue();
    }

    @Test
    void approvePasskeyChallengePostsTheAssertionAndParsesTheApprovedChallenge() {
        String assertion = "{\"id\":\"abc\",\"rawId\":\"abc\",\"authenticatorAttachment\":\"platform\",\"type\":\"public-key\","
                + "\"response\":{\"authenticatorData\":\"AA\",\"clientDataJSON\":\"AA\",\"signature\":\"AA\",\"userHandle\":\"AA\"}}";
        server.enqueue(200, Fixtures.example("passkeys_approved_challenge"));
        Challenge challenge = client.passkeys().approvePasskeyChallenge(SERVICE_SID, assertion);

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo(PASSKEYS_PATH + "/ApproveChallenge");
        assertThat(request.body()).isEqualTo(assertion);
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(challenge.entitySid()).isEqualTo("YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(challenge.factorSid()).isEqualTo(FACTOR_SID);
        assertThat(challenge.identity()).isEqualTo(IDENTITY);
    }

    @Test
    void aPasskeysErrorBecomesAnAssentException() {
        server.enqueue(400, "{\"code\":60381,\"message\":\"Signature invalid\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/60381\",\"status\":400}");
        assertThatThrownBy(() -> client.passkeys().approvePasskeyChallenge(SERVICE_SID, "{}"))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.code()).isEqualTo(60381);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void badArgumentsFailBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.passkeys().verifyPasskeyFactor(SERVICE_SID, "[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> client.passkeys().approvePasskeyChallenge(SERVICE_SID, "not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.passkeys().approvePasskeyChallenge(SERVICE_SID, "{\"a\":\"" + "x".repeat(70_000) + "\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> PasskeyChallengeParams.factor("short", FACTOR_SID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasskeyChallengeParams(null, FACTOR_SID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasskeySettings.builder().relyingPartyId("https://example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RelyingParty.Id");
        assertThatThrownBy(() -> client.passkeys().createPasskeyFactor("VA1", PasskeyFactorParams.of("Laptop", IDENTITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void servicePasskeysSettingsAreSentAsFormAndParsed() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode service0 =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Fixtures.example("service"));
        service0.set("passkeys", JSON.readTree("""
                {"relying_party":{"id":"example.com","name":"Example",\
                "origins":["https://example.com","android:apk-key-hash:abc"]},\
                "authenticator_attachment":"cross-platform","discoverable_credentials":"required",\
                "user_verification":"discouraged"}"""));
        String body = service0.toString();
        server.enqueue(200, body);
        Service service = client.services().updateService(SERVICE_SID, ServiceParams.builder(null)
                .passkeys(PasskeySettings.builder().relyingPartyId("example.com").relyingPartyName("Example")
                        .relyingPartyOrigins("https://example.com", "android:apk-key-hash:abc")
                        .authenticatorAttachment(AuthenticatorAttachment.CROSS_PLATFORM)
                        .discoverableCredentials(PasskeyRequirement.REQUIRED)
                        .userVerification(PasskeyRequirement.DISCOURAGED).build())
                .build());

        assertThat(ChallengesApiTest.decodeForm(server.takeRequest().body())).containsExactly(
                entry("Passkeys.RelyingParty.Id", "example.com"),
                entry("Passkeys.RelyingParty.Name", "Example"),
                entry("Passkeys.RelyingParty.Origins", "https://example.com,android:apk-key-hash:abc"),
                entry("Passkeys.AuthenticatorAttachment", "cross-platform"),
                entry("Passkeys.DiscoverableCredentials", "required"),
                entry("Passkeys.UserVerification", "discouraged"));
        assertThat(service.passkeys()).isEqualTo(new PasskeySettings("example.com", "Example",
                List.of("https://example.com", "android:apk-key-hash:abc"), AuthenticatorAttachment.CROSS_PLATFORM,
                PasskeyRequirement.REQUIRED, PasskeyRequirement.DISCOURAGED));
    }

    @Test
    void aServiceWithUnsetPasskeysHasNullMembers() {
        server.enqueue(200, Fixtures.example("service"));
        Service service = client.services().fetchService(SERVICE_SID);
        assertThat(service.passkeys()).isEqualTo(new PasskeySettings(null, null, List.of(), null, null, null));
    }
}
