package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.ApproveChallenge;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.NewVerifyFactor;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's twilio-java example, run as written with {@link AssentHttpClient}. */
@ExtendWith(ConformanceExtension.class)
class ReadmeExampleIT {

    private final Conformance conformance;

    ReadmeExampleIT(Conformance conformance) {
        this.conformance = conformance;
    }

    @Test
    void theReadmeExampleWorksAsWritten() {
        String accountSid = conformance.account().sid();
        String authToken = conformance.account().authToken();

        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new AssentHttpClient(conformance.baseUrl().toString()))
                .build();
        Service service = Service.creator("My App").create(client);
        NewFactor factor = NewFactor.creator(service.getSid(), "user-0001", "Authenticator", NewFactor.FactorTypes.TOTP)
                .create(client);
        String secret = (String) ((Map<?, ?>) factor.getBinding()).get("secret");

        TotpCodes codes = TotpCodes.forBase32Secret(secret);
        long step = codes.step(Instant.now());
        Factor verified = Factor.updater(service.getSid(), "user-0001", factor.getSid())
                .setAuthPayload(codes.codeForStep(step)).update(client);
        assertThat(verified.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        // A code is accepted once per factor; the next time step's code is within the default skew.
        Challenge challenge = Challenge.creator(service.getSid(), "user-0001", factor.getSid())
                .setAuthPayload(codes.codeForStep(step + 1)).create(client);
        assertThat(challenge.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    /** README "Passkeys with twilio-java", with the software passkey of device/ as the browser. */
    @Test
    void theReadmePasskeysExampleWorksAsWritten() throws Exception {
        TwilioRestClient client = new TwilioRestClient.Builder(conformance.account().sid(), conformance.account().authToken())
                .httpClient(new AssentHttpClient(conformance.baseUrl().toString()))
                .build();
        SoftwareAuthenticator browser = SoftwareAuthenticator.create();
        String origin = PasskeyBackend.ORIGIN;

        Service service = Service.creator("My App")
                .setPasskeysRelyingPartyId(PasskeyBackend.RP_ID)
                .setPasskeysRelyingPartyName("My App")
                .setPasskeysRelyingPartyOrigins(origin)
                .setPasskeysAuthenticatorAttachment("platform")
                .setPasskeysDiscoverableCredentials("preferred")
                .setPasskeysUserVerification("preferred")
                .create(client);
        ObjectMapper json = new ObjectMapper();

        // The README imports com.twilio.rest.verify.v2.service.NewFactor; here entity.NewFactor has the name.
        com.twilio.rest.verify.v2.service.NewFactor factor = com.twilio.rest.verify.v2.service.NewFactor.creator(
                service.getSid(), new com.twilio.rest.verify.v2.service.NewFactor.CreateNewPasskeysFactorRequest.Builder(
                        "My passkey", "user-0001").build()).create(client);
        String creationOptions = json.writeValueAsString(factor.getOptions());
        String credentialJson = json.writeValueAsString(browser.register(json.readTree(creationOptions), origin).json());
        NewVerifyFactor verified = NewVerifyFactor.updater(service.getSid(),
                NewVerifyFactor.VerifyPasskeysFactorRequest.fromJson(credentialJson, json)).update(client);
        assertThat(verified.getStatus()).isEqualTo(NewVerifyFactor.Status.VERIFIED);

        NewChallenge challenge = NewChallenge.creator(service.getSid())
                .setCreatePasskeysChallengeRequest(NewChallenge.CreatePasskeysChallengeRequest.builder().build())
                .create(client);
        String requestOptions = json.writeValueAsString(challenge.getOptions());
        String assertionJson = json.writeValueAsString(browser.authenticate(json.readTree(requestOptions), origin).json());
        ApproveChallenge approved = ApproveChallenge.updater(service.getSid(),
                ApproveChallenge.ApprovePasskeysChallengeRequest.fromJson(assertionJson, json)).update(client);
        assertThat(approved.getIdentity()).isEqualTo("user-0001");
        assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
    }
}
