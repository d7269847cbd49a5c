package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.client.AssentClient;
import dev.assent.client.AssentException;
import dev.assent.client.AuthenticatorAttachment;
import dev.assent.client.Challenge;
import dev.assent.client.ChallengeStatus;
import dev.assent.client.Factor;
import dev.assent.client.FactorStatus;
import dev.assent.client.FactorType;
import dev.assent.client.PasskeyChallenge;
import dev.assent.client.PasskeyChallengeParams;
import dev.assent.client.PasskeyFactor;
import dev.assent.client.PasskeyFactorParams;
import dev.assent.client.PasskeyRequirement;
import dev.assent.client.PasskeySettings;
import dev.assent.client.Service;
import dev.assent.client.ServiceParams;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.SoftwareAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client's Passkeys operations against the real server, the browser's part played by the software passkey
 * ({@code dev.assent.device.passkey}): service settings, registration, discoverable and identity logins, and a refused
 * assertion that leaves the challenge pending. (The twilio-java passkeys scenarios live in their own ITs.)
 */
@ExtendWith(ConformanceExtension.class)
class ClientPasskeysIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "https://passkeys.example.com";

    private final Conformance conformance;
    private final SoftwareAuthenticator authenticator = SoftwareAuthenticator.create();
    private AssentClient client;
    private String serviceSid;
    private String identity;

    ClientPasskeysIT(Conformance conformance) {
        this.conformance = conformance;
    }

    @BeforeEach
    void createPasskeysService() {
        client = conformance.assentClient();
        PasskeySettings settings = PasskeySettings.builder().relyingPartyId("example.com").relyingPartyName("Example")
                .relyingPartyOrigins(ORIGIN, "https://example.com")
                .authenticatorAttachment(AuthenticatorAttachment.PLATFORM)
                .discoverableCredentials(PasskeyRequirement.PREFERRED)
                .userVerification(PasskeyRequirement.PREFERRED).build();
        Service service = client.services().createService(ServiceParams.builder("Client passkeys IT").passkeys(settings).build());
        serviceSid = service.sid();
        assertThat(service.passkeys()).isEqualTo(settings);
        identity = "passkey-" + AssentServer.randomHex(16);
    }

    private Factor registered() throws Exception {
        PasskeyFactor created = client.passkeys().createPasskeyFactor(serviceSid, PasskeyFactorParams.of("Laptop", identity));
        assertThat(created.factor().status()).isEqualTo(FactorStatus.UNVERIFIED);
        assertThat(created.factor().factorType()).isEqualTo(FactorType.PASSKEYS);
        JsonNode options = JSON.readTree(created.options());
        assertThat(options.at("/publicKey/rp/id").asText()).isEqualTo("example.com");
        String credential = authenticator.register(options, ORIGIN).json().toString();
        Factor verified = client.passkeys().verifyPasskeyFactor(serviceSid, credential);
        assertThat(verified.sid()).isEqualTo(created.factor().sid());
        assertThat(verified.status()).isEqualTo(FactorStatus.VERIFIED);
        return verified;
    }

    @Test
    void registersThenLogsInDiscoverablyAndTheChallengeIsAnOrdinaryChallengeToo() throws Exception {
        Factor factor = registered();

        PasskeyChallenge login = client.passkeys().createPasskeyChallenge(serviceSid, PasskeyChallengeParams.discoverable());
        assertThat(login.challenge().status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(login.challenge().factorType()).isEqualTo(FactorType.PASSKEYS);
        PasskeyAssertion assertion = authenticator.authenticate(JSON.readTree(login.options()), ORIGIN);
        Challenge approved = client.passkeys().approvePasskeyChallenge(serviceSid, assertion.json().toString());

        assertThat(approved.sid()).isEqualTo(login.challenge().sid());
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approved.identity()).isEqualTo(identity);
        assertThat(approved.factorSid()).isEqualTo(factor.sid());
        assertThat(approved.entitySid()).isEqualTo(factor.entitySid());
        Challenge fetched = client.challenges().fetchChallenge(serviceSid, identity, approved.sid());
        assertThat(fetched.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(fetched.factorType()).isEqualTo(FactorType.PASSKEYS);
    }

    @Test
    void aTamperedAssertionIsRefusedWithItsCodeAndTheChallengeStaysPendingForTheRealOne() throws Exception {
        Factor factor = registered();
        PasskeyChallenge login = client.passkeys().createPasskeyChallenge(serviceSid,
                PasskeyChallengeParams.factor(identity, factor.sid()));
        JsonNode options = JSON.readTree(login.options());
        assertThat(options.at("/publicKey/allowCredentials/0/id").asText())
                .isEqualTo(authenticator.credentials().get(0).id());

        PasskeyAssertion tampered = authenticator.authenticate(options, ORIGIN, CeremonySettings.DEFAULT.withTamperedSignature());
        AssentException refused = catchThrowableOfType(AssentException.class,
                () -> client.passkeys().approvePasskeyChallenge(serviceSid, tampered.json().toString()));

        assertThat(refused.code()).isEqualTo(60381);
        // Still pending: the genuine assertion approves the same challenge. (A pending passkeys challenge is
        // not served by the ordinary fetch on this server; only approved ones are.)
        Challenge approved = client.passkeys().approvePasskeyChallenge(serviceSid,
                authenticator.authenticate(options, ORIGIN).json().toString());
        assertThat(approved.sid()).isEqualTo(login.challenge().sid());
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(client.challenges().fetchChallenge(serviceSid, identity, approved.sid()).status())
                .isEqualTo(ChallengeStatus.APPROVED);
    }

    @Test
    void aFactorConfigOverridesTheServiceAndReachesTheCreationOptions() throws Exception {
        PasskeyFactor created = client.passkeys().createPasskeyFactor(serviceSid, new PasskeyFactorParams("Key", identity,
                PasskeySettings.builder().authenticatorAttachment(AuthenticatorAttachment.CROSS_PLATFORM)
                        .userVerification(PasskeyRequirement.REQUIRED).build()));

        JsonNode options = JSON.readTree(created.options());
        assertThat(options.at("/publicKey/authenticatorSelection/authenticatorAttachment").asText()).isEqualTo("cross-platform");
        assertThat(options.at("/publicKey/authenticatorSelection/userVerification").asText()).isEqualTo("required");
        Factor verified = client.passkeys().verifyPasskeyFactor(serviceSid, authenticator.register(options, ORIGIN).json().toString());
        assertThat(verified.status()).isEqualTo(FactorStatus.VERIFIED);
        assertThat(authenticator.credentials().get(0).attachment()).isEqualTo("cross-platform");
    }

    @Test
    void aServiceWithoutPasskeysSettingsRefusesAFactorWith60393() {
        String bare = client.services().createService("No passkeys").sid();
        AssentException refused = catchThrowableOfType(AssentException.class,
                () -> client.passkeys().createPasskeyFactor(bare, PasskeyFactorParams.of("Laptop", identity)));
        assertThat(refused.code()).isEqualTo(60393);
        assertThat(client.entities().listEntity(bare, dev.assent.client.ListParams.all()).toList()).as("no entity made").isEmpty();
    }
}
