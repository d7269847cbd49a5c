package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.verify.v2.service.AccessToken;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.challenge.Notification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enrollment as Verify Push apps do it (docs/push-protocol.md §11): the backend issues an access token
 * through twilio-java, the device creates its own push factor with it; and the backend's request to
 * re-send a challenge's push (Notifications).
 */
class AccessTokenIT extends EntityScenario {

    AccessTokenIT(Conformance conformance) {
        super(conformance);
    }

    @Test
    void theBackendIssuesAndFetchesAnAccessToken() {
        AccessToken created = AccessToken.creator(serviceSid, identity, AccessToken.FactorTypes.PUSH)
                .setFactorFriendlyName("John Doe iPhone")
                .setTtl(300)
                .create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(created.getSid()).matches("YK[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(created.getServiceSid()).isEqualTo(serviceSid);
        assertThat(created.getEntityIdentity()).isEqualTo(identity);
        assertThat(created.getFactorType()).isEqualTo(AccessToken.FactorTypes.PUSH);
        assertThat(created.getFactorFriendlyName()).isEqualTo("John Doe iPhone");
        assertThat(created.getTtl()).isEqualTo(300);
        assertThat(created.getToken()).isNotBlank();
        assertThat(created.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + serviceSid + "/AccessTokens/"
                + created.getSid());
        assertThat(created.getDateCreated()).isNotNull();

        AccessToken fetched = AccessToken.fetcher(serviceSid, created.getSid()).fetch(client);
        assertThat(fetched).usingRecursiveComparison().isEqualTo(created);
        assertThat(AccessToken.creator(serviceSid, identity, AccessToken.FactorTypes.PUSH).create(client).getTtl()).isEqualTo(60);
    }

    @Test
    void aFactorTypeOtherThanPushIsRejectedWith60407() {
        // twilio-java's enum has only PUSH; the wire does not.
        Exchange reply = conformance.wire().send("POST", URI.create(conformance.baseUrl() + "/v2/Services/" + serviceSid + "/AccessTokens"),
                Map.of("Authorization", List.of(AssentServer.basic(conformance.account().sid(), conformance.account().authToken()))),
                "Identity=" + identity + "&FactorType=totp");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asInt()).isEqualTo(60407);
    }

    @Test
    void theDeviceEnrollsWithTheTokenVerifiesItsFactorAndApprovesAChallenge() {
        String newcomer = Backend.newIdentity();
        String token = AccessToken.creator(serviceSid, newcomer, AccessToken.FactorTypes.PUSH).create(client).getToken();
        PushDevice device = conformance.newPushDevice();

        Exchange created = device.createFactor(serviceSid, newcomer, token, "Conformance phone");

        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("unverified");
        assertThat(created.json().path("config").path("credential_sid").asText()).hasSize(34);
        PushDevice.Enrolment enrolment = PushDevice.enrolment(created);
        assertThat(device.verifyFactor(enrolment).json().path("status").asText()).isEqualTo("verified");
        assertThat(Factor.fetcher(serviceSid, newcomer, enrolment.factorSid()).fetch(client).getStatus())
                .isEqualTo(Factor.FactorStatuses.VERIFIED);
        String challenge = Challenge.creator(serviceSid, newcomer, enrolment.factorSid()).setDetailsMessage("Log in?")
                .create(client).getSid();
        assertThat(device.respond(enrolment, challenge, "approved").status()).isEqualTo(200);
        assertThat(Challenge.fetcher(serviceSid, newcomer, challenge).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void anAccessTokenCreatesOneFactorOnly() {
        String token = AccessToken.creator(serviceSid, identity, AccessToken.FactorTypes.PUSH).create(client).getToken();
        assertThat(conformance.newPushDevice().createFactor(serviceSid, identity, token, "First").status()).isEqualTo(201);

        Exchange second = conformance.newPushDevice().createFactor(serviceSid, identity, token, "Second");

        assertThat(second.status()).isEqualTo(401);
        assertThat(second.json().path("code").asInt()).isEqualTo(20003);
        assertThat(second.header("Date")).isPresent();
    }

    @Test
    void theBackendAsksForAPendingChallengesPushAgain() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        Challenge challenge = Challenge.creator(serviceSid, identity, factor.factorSid()).setDetailsMessage("Resend me").create(client);

        Notification notification = Notification.creator(serviceSid, identity, challenge.getSid()).setTtl(150).create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(notification.getSid()).matches("NT[0-9a-f]{32}");
        assertThat(notification.getChallengeSid()).isEqualTo(challenge.getSid());
        assertThat(notification.getEntitySid()).isEqualTo(challenge.getEntitySid());
        assertThat(notification.getIdentity()).isEqualTo(identity);
        assertThat(notification.getPriority()).isEqualTo("high");
        assertThat(notification.getTtl()).isEqualTo(150);
        assertThat(Notification.creator(serviceSid, identity, challenge.getSid()).create(client).getTtl()).isEqualTo(300);
    }

    @Test
    void anAnsweredChallengeGetsNoNotification() {
        PushDevice device = conformance.newPushDevice();
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, device);
        String challenge = Challenge.creator(serviceSid, identity, factor.factorSid()).setDetailsMessage("Done").create(client).getSid();
        device.respond(factor, challenge, "denied");

        expectError(403, 60322, () -> Notification.creator(serviceSid, identity, challenge).create(client));
    }
}
