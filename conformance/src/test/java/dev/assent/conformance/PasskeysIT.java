package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.ApproveChallenge;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.NewFactor;
import com.twilio.rest.verify.v2.service.NewVerifyFactor;
import com.twilio.rest.verify.v2.service.Webhook;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyAttestation;
import dev.assent.device.passkey.PasskeyRegistration;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passkeys end to end through twilio-java 13.0.1's passkeys classes (issue 13), with the software
 * authenticator of {@code device/} as the browser: Service settings, NewFactor → {@code create()} →
 * NewVerifyFactor, then NewChallenge (discoverable, by identity, by factor) → {@code get()} →
 * ApproveChallenge, and the results seen through the ordinary Factor and Challenge classes. Every
 * response is validated against Twilio's spec by {@link WireContract} on the way in.
 */
@ExtendWith(ConformanceExtension.class)
class PasskeysIT {

    private final Conformance conformance;
    private final TwilioRestClient client;
    private final PasskeyBackend passkeys;

    PasskeysIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
        this.passkeys = new PasskeyBackend(client);
    }

    @Test
    void passkeysSettingsAreSetUpdatedAndReturnedThroughTheSdk() {
        Service created = passkeys.newService();

        assertThat(conformance.lastExchange().requestBody())
                .contains("Passkeys.RelyingParty.Origins=https%3A%2F%2Flogin.assent.test%2Chttps%3A%2F%2Faccounts.login.assent.test");
        Map<String, Object> settings = Untyped.map(created.getPasskeys());
        assertThat(Untyped.map(settings.get("relying_party")))
                .containsEntry("id", PasskeyBackend.RP_ID)
                .containsEntry("name", PasskeyBackend.RP_NAME)
                .containsEntry("origins", List.of(PasskeyBackend.ORIGIN, PasskeyBackend.OTHER_ORIGIN));
        assertThat(settings).containsEntry("authenticator_attachment", "platform")
                .containsEntry("discoverable_credentials", "required")
                .containsEntry("user_verification", "preferred");

        Service updated = Service.updater(created.getSid())
                .setPasskeysUserVerification("required")
                .setPasskeysRelyingPartyOrigins(PasskeyBackend.ORIGIN)
                .update(client);
        Map<String, Object> changed = Untyped.map(updated.getPasskeys());
        assertThat(changed).containsEntry("user_verification", "required")
                .containsEntry("authenticator_attachment", "platform")
                .containsEntry("discoverable_credentials", "required");
        assertThat(Untyped.map(changed.get("relying_party"))).containsEntry("id", PasskeyBackend.RP_ID)
                .containsEntry("origins", List.of(PasskeyBackend.ORIGIN));

        Service fetched = Service.fetcher(created.getSid()).fetch(client);
        assertThat(Untyped.map(fetched.getPasskeys())).isEqualTo(changed);
    }

    @Test
    void newFactorSendsJsonAndReturnsCreationOptionsWithTheServiceSettings() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();

        NewFactor created = passkeys.createFactor(service.getSid(), identity);

        Exchange exchange = conformance.lastExchange();
        assertThat(exchange.status()).isEqualTo(201);
        assertThat(exchange.uri().getPath()).isEqualTo("/v2/Services/" + service.getSid() + "/Passkeys/Factors");
        assertThat(exchange.requestBody()).isEqualTo("{\"friendly_name\":\"Conformance passkey\",\"identity\":\"" + identity + "\"}");
        assertThat(created.getSid()).matches("YF[0-9a-f]{32}");
        assertThat(created.getEntitySid()).matches("YE[0-9a-f]{32}");
        assertThat(created.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(created.getServiceSid()).isEqualTo(service.getSid());
        assertThat(created.getIdentity()).isEqualTo(identity);
        assertThat(created.getStatus()).isEqualTo(NewFactor.Status.UNVERIFIED);
        assertThat(created.getFactorType()).isEqualTo(NewFactor.FactorType.PASSKEYS);
        assertThat(created.getFriendlyName()).isEqualTo("Conformance passkey");
        assertThat(created.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + service.getSid()
                + "/Entities/" + identity + "/Factors/" + created.getSid());

        JsonNode publicKey = PasskeyBackend.options(created.getOptions()).path("publicKey");
        assertThat(publicKey.path("rp").path("id").asText()).isEqualTo(PasskeyBackend.RP_ID);
        assertThat(publicKey.path("rp").path("name").asText()).isEqualTo(PasskeyBackend.RP_NAME);
        byte[] userId = PasskeyBackend.atobSafe("user.id", publicKey.path("user").path("id").asText());
        assertThat(PasskeyBackend.ascii(userId)).as("user.id is the entity SID").isEqualTo(created.getEntitySid());
        assertThat(publicKey.path("user").path("name").asText()).isNotBlank();
        assertThat(PasskeyBackend.atobSafe("challenge", publicKey.path("challenge").asText())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(publicKey.path("pubKeyCredParams").isArray()).as("pubKeyCredParams is WebAuthn's array").isTrue();
        List<Integer> algorithms = new ArrayList<>();
        publicKey.path("pubKeyCredParams").forEach(p -> {
            assertThat(p.path("type").asText()).isEqualTo("public-key");
            algorithms.add(p.path("alg").asInt());
        });
        assertThat(algorithms).contains(-7, -257);
        assertThat(publicKey.path("timeout").asLong()).isPositive();
        JsonNode selection = publicKey.path("authenticatorSelection");
        assertThat(selection.path("authenticatorAttachment").asText()).isEqualTo("platform");
        assertThat(selection.path("residentKey").asText()).isEqualTo("required");
        assertThat(selection.path("requireResidentKey").asBoolean()).isTrue();
        assertThat(selection.path("userVerification").asText()).isEqualTo("preferred");
        Map<String, Object> config = Untyped.map(created.getConfig());
        assertThat(config).containsEntry("authenticator_attachment", "platform")
                .containsEntry("discoverable_credentials", "required")
                .containsEntry("user_verification", "preferred");
        assertThat(Untyped.map(config.get("relying_party"))).containsEntry("id", PasskeyBackend.RP_ID);

        // The entity was created on first use, and the ordinary classes see an unverified passkeys factor.
        assertThat(Entity.fetcher(service.getSid(), identity).fetch(client).getSid()).isEqualTo(created.getEntitySid());
        Factor fetched = Factor.fetcher(service.getSid(), identity, created.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Factor.FactorStatuses.UNVERIFIED);
        assertThat(fetched.getFactorType()).isEqualTo(Factor.FactorTypes.PASSKEYS);
        assertThat(conformance.lastExchange().json().path("options").isMissingNode()
                || conformance.lastExchange().json().path("options").isNull())
                .as("options are returned only on creation").isTrue();
    }

    @Test
    void aFactorConfigOverridesTheServiceSettings() {
        Service service = passkeys.newService();

        NewFactor created = passkeys.createFactor(service.getSid(), Backend.newIdentity(),
                NewFactor.CreateNewPasskeysFactorRequestConfig.builder()
                        .authenticatorAttachment(NewFactor.AuthenticatorAttachment.CROSS_PLATFORM)
                        .discoverableCredentials(NewFactor.DiscoverableCredentials.DISCOURAGED)
                        .userVerification(NewFactor.UserVerification.REQUIRED)
                        .build());

        assertThat(conformance.lastExchange().requestBody()).contains("\"config\":{\"authenticator_attachment\":\"cross-platform\","
                + "\"discoverable_credentials\":\"discouraged\",\"user_verification\":\"required\"}");
        JsonNode selection = PasskeyBackend.options(created.getOptions()).path("publicKey").path("authenticatorSelection");
        assertThat(selection.path("authenticatorAttachment").asText()).isEqualTo("cross-platform");
        assertThat(selection.path("residentKey").asText()).isEqualTo("discouraged");
        assertThat(selection.path("userVerification").asText()).isEqualTo("required");
    }

    @Test
    void registrationCompletesWithNewVerifyFactorWhichNamesNoFactor() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        NewFactor created = passkeys.createFactor(service.getSid(), identity);
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create();
        PasskeyRegistration registration = authenticator.register(PasskeyBackend.options(created.getOptions()),
                PasskeyBackend.ORIGIN);

        NewVerifyFactor verified = passkeys.verify(service.getSid(), registration);

        Exchange exchange = conformance.lastExchange();
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.uri().getPath()).isEqualTo("/v2/Services/" + service.getSid() + "/Passkeys/VerifyFactor");
        assertThat(exchange.requestBody()).doesNotContain(created.getSid()).contains("\"attestationObject\"");
        assertThat(verified.getSid()).isEqualTo(created.getSid());
        assertThat(verified.getStatus()).isEqualTo(NewVerifyFactor.Status.VERIFIED);
        assertThat(verified.getFactorType()).isEqualTo(NewVerifyFactor.FactorType.PASSKEYS);
        assertThat(verified.getEntitySid()).isEqualTo(created.getEntitySid());
        assertThat(verified.getIdentity()).isEqualTo(identity);

        Factor fetched = Factor.fetcher(service.getSid(), identity, created.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(fetched.getFactorType()).isEqualTo(Factor.FactorTypes.PASSKEYS);
        assertThat(Factor.reader(service.getSid(), identity).read(client))
                .extracting(Factor::getSid, Factor::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(created.getSid(), Factor.FactorStatuses.VERIFIED));
    }

    @Test
    void aPackedSelfAttestationRegistersAndSignsIn() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        NewFactor created = passkeys.createFactor(service.getSid(), identity);
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create();
        PasskeyRegistration packed = authenticator.register(PasskeyBackend.options(created.getOptions()), PasskeyBackend.ORIGIN,
                CeremonySettings.DEFAULT.withAttestation(PasskeyAttestation.PACKED));

        assertThat(passkeys.verify(service.getSid(), packed).getStatus()).isEqualTo(NewVerifyFactor.Status.VERIFIED);

        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity);
        PasskeyAssertion assertion = authenticator.authenticate(PasskeyBackend.options(challenge.getOptions()), PasskeyBackend.ORIGIN);
        assertThat(passkeys.approve(service.getSid(), assertion).getFactorSid()).isEqualTo(created.getSid());
    }

    @Test
    void aDiscoverableLoginIsApprovedAndFillsInWhoSignedIn() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());

        NewChallenge challenge = passkeys.discoverableChallenge(service.getSid());

        assertThat(conformance.lastExchange().requestBody()).isEqualTo("{}");
        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(challenge.getSid()).matches("YC[0-9a-f]{32}");
        assertThat(challenge.getStatus()).isEqualTo(NewChallenge.Status.PENDING);
        assertThat(challenge.getFactorType()).isEqualTo(NewChallenge.FactorType.PASSKEYS);
        assertThat(challenge.getServiceSid()).isEqualTo(service.getSid());
        assertThat(challenge.getAccountSid()).isEqualTo(conformance.account().sid());
        assertThat(challenge.getExpirationDate()).isAfter(ZonedDateTime.now());
        JsonNode publicKey = PasskeyBackend.options(challenge.getOptions()).path("publicKey");
        assertThat(PasskeyBackend.atobSafe("challenge", publicKey.path("challenge").asText())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(publicKey.path("rpId").asText()).isEqualTo(PasskeyBackend.RP_ID);
        assertThat(publicKey.path("allowCredentials").size()).as("discoverable: no allowCredentials").isZero();
        assertThat(publicKey.path("userVerification").asText()).isEqualTo("preferred");
        assertThat(publicKey.path("timeout").asLong()).isPositive();
        assertThat(publicKey.has("pubKeyCredParams")).as("request options, not creation options").isFalse();

        PasskeyAssertion assertion = enrolment.sign(challenge);
        ApproveChallenge approved = passkeys.approve(service.getSid(), assertion);

        assertThat(conformance.lastExchange().status()).isEqualTo(200);
        assertThat(approved.getSid()).isEqualTo(challenge.getSid());
        assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
        assertThat(approved.getEntitySid()).isEqualTo(enrolment.entitySid());
        assertThat(approved.getIdentity()).isEqualTo(identity);
        assertThat(approved.getFactorSid()).isEqualTo(enrolment.factorSid());
        assertThat(approved.getFactorType()).isEqualTo(ApproveChallenge.FactorType.PASSKEYS);
        assertThat(approved.getDateResponded()).isNotNull();

        Challenge fetched = Challenge.fetcher(service.getSid(), identity, challenge.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
        assertThat(fetched.getFactorType()).isEqualTo(Challenge.FactorTypes.PASSKEYS);
        assertThat(fetched.getFactorSid()).isEqualTo(enrolment.factorSid());
        assertThat(fetched.getEntitySid()).isEqualTo(enrolment.entitySid());
        assertThat(fetched.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + service.getSid()
                + "/Entities/" + identity + "/Challenges/" + challenge.getSid());
        assertThat(Challenge.reader(service.getSid(), identity).read(client))
                .extracting(Challenge::getSid).containsExactly(challenge.getSid());
    }

    @Test
    void aLoginByIdentityAllowsTheEntitysCredentialsAndIsApproved() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());

        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity);

        assertThat(conformance.lastExchange().requestBody()).isEqualTo("{\"identity\":\"" + identity + "\"}");
        assertThat(challenge.getEntitySid()).isEqualTo(enrolment.entitySid());
        assertThat(challenge.getIdentity()).isEqualTo(identity);
        JsonNode allowed = PasskeyBackend.options(challenge.getOptions()).path("publicKey").path("allowCredentials");
        assertThat(allowed.size()).isEqualTo(1);
        assertThat(allowed.get(0).path("type").asText()).isEqualTo("public-key");
        assertThat(allowed.get(0).path("id").asText()).isEqualTo(enrolment.credential().id());

        ApproveChallenge approved = passkeys.approve(service.getSid(), enrolment.sign(challenge));

        assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
        assertThat(approved.getFactorSid()).isEqualTo(enrolment.factorSid());
        assertThat(Challenge.fetcher(service.getSid(), identity, challenge.getSid()).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void aLoginByFactorSidAllowsOnlyThatFactorsCredential() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        SoftwareAuthenticator laptop = SoftwareAuthenticator.create();
        PasskeyBackend.Enrolment first = passkeys.enrol(service.getSid(), identity, laptop);
        PasskeyBackend.Enrolment second = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());

        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity, second.factorSid());

        assertThat(conformance.lastExchange().requestBody())
                .isEqualTo("{\"identity\":\"" + identity + "\",\"factor_sid\":\"" + second.factorSid() + "\"}");
        assertThat(challenge.getFactorSid()).isEqualTo(second.factorSid());
        JsonNode allowed = PasskeyBackend.options(challenge.getOptions()).path("publicKey").path("allowCredentials");
        assertThat(allowed.size()).isEqualTo(1);
        assertThat(allowed.get(0).path("id").asText()).isEqualTo(second.credential().id()).isNotEqualTo(first.credential().id());

        ApproveChallenge approved = passkeys.approve(service.getSid(), second.sign(challenge));

        assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
        assertThat(approved.getFactorSid()).isEqualTo(second.factorSid());
    }

    @Test
    void repeatedLoginsWithOnePasskeyAreEachApproved() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());

        List<String> approved = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NewChallenge challenge = i % 2 == 0 ? passkeys.discoverableChallenge(service.getSid())
                    : passkeys.challengeFor(service.getSid(), identity);
            PasskeyAssertion assertion = enrolment.sign(challenge);
            assertThat(assertion.signCount()).isEqualTo(i + 1);
            assertThat(passkeys.approve(service.getSid(), assertion).getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
            approved.add(challenge.getSid());
        }

        List<String> listed = new ArrayList<>();
        Challenge.reader(service.getSid(), identity).read(client).forEach(c -> {
            assertThat(c.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
            listed.add(c.getSid());
        });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(approved);
    }

    @Test
    void aHexRawIdAsInTheSpecsExampleAndAnAbsentTypeAreAccepted() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity);
        JsonNode assertion = enrolment.sign(challenge).json();
        JsonNode response = assertion.path("response");
        String hexRawId = java.util.HexFormat.of().formatHex(enrolment.credential().credentialId());

        // What a backend writes by hand: rawId in hex, no type (the SDK does not default it), no attachment.
        ApproveChallenge approved = ApproveChallenge.updater(service.getSid(),
                new ApproveChallenge.ApprovePasskeysChallengeRequest.Builder(assertion.path("id").asText(), hexRawId, null,
                        new ApproveChallenge.ApprovePasskeysChallengeRequestResponse.Builder(
                                response.path("authenticatorData").asText(), response.path("clientDataJSON").asText(),
                                response.path("signature").asText())
                                .userHandle(response.path("userHandle").asText()).build())
                        .build()).update(client);

        String sent = conformance.lastExchange().requestBody();
        assertThat(sent).contains("\"rawId\":\"" + hexRawId + "\"").doesNotContain("\"type\"").doesNotContain("authenticatorAttachment");
        assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
        assertThat(approved.getFactorSid()).isEqualTo(enrolment.factorSid());
    }

    @Test
    void withoutAuthenticatorCriteriaAFactorNeedsAConfig() {
        Service service = passkeys.newServiceWithoutCriteria();
        String identity = Backend.newIdentity();

        expectError(400, 60393, () -> passkeys.createFactor(service.getSid(), identity));
        expectError(404, 20404, () -> Entity.fetcher(service.getSid(), identity).fetch(client));

        NewFactor created = passkeys.createFactor(service.getSid(), identity,
                NewFactor.CreateNewPasskeysFactorRequestConfig.builder()
                        .authenticatorAttachment(NewFactor.AuthenticatorAttachment.ANY)
                        .discoverableCredentials(NewFactor.DiscoverableCredentials.PREFERRED)
                        .userVerification(NewFactor.UserVerification.PREFERRED)
                        .build());
        assertThat(created.getStatus()).isEqualTo(NewFactor.Status.UNVERIFIED);
        JsonNode selection = PasskeyBackend.options(created.getOptions()).path("publicKey").path("authenticatorSelection");
        assertThat(selection.path("residentKey").asText()).isEqualTo("preferred");
        assertThat(selection.has("authenticatorAttachment") && !selection.path("authenticatorAttachment").isNull())
                .as("'any' leaves authenticatorAttachment out").isFalse();
    }

    @Test
    void aPasskeysFactorIsDeletedThroughTheOrdinaryFactorClass() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());

        assertThat(Factor.deleter(service.getSid(), identity, enrolment.factorSid()).delete(client)).isTrue();

        expectError(404, 20404, () -> Factor.fetcher(service.getSid(), identity, enrolment.factorSid()).fetch(client));
        NewChallenge challenge = passkeys.discoverableChallenge(service.getSid());
        PasskeyAssertion assertion = enrolment.sign(challenge);
        expectError(400, 60376, () -> passkeys.approve(service.getSid(), assertion));
    }

    @Test
    void passkeysWebhooksAreDeliveredForFactorCreatedVerifiedDeletedAndChallengeApproved() throws Exception {
        try (LoopbackWebhookReceiver receiver = LoopbackWebhookReceiver.start(conformance)) {
            Service service = passkeys.newService();
            Webhook.creator(service.getSid(), "Passkeys events",
                    List.of("factor.created", "factor.verified", "factor.deleted", "challenge.approved"),
                    receiver.url()).create(client);
            String identity = Backend.newIdentity();
            PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
            NewChallenge challenge = passkeys.discoverableChallenge(service.getSid());
            passkeys.approve(service.getSid(), enrolment.sign(challenge));
            Factor.deleter(service.getSid(), identity, enrolment.factorSid()).delete(client);

            Map<String, Map<String, String>> byType = receiver.eventsByType(4, Duration.ofSeconds(30));
            assertThat(byType).containsOnlyKeys("factor.created", "factor.verified", "challenge.approved", "factor.deleted");
            byType.values().forEach(event -> assertThat(event)
                    .containsEntry("service_sid", service.getSid())
                    .containsEntry("account_sid", conformance.account().sid())
                    .containsEntry("entity_identity", identity)
                    .containsEntry("factor_sid", enrolment.factorSid())
                    .containsEntry("factor_type", "passkeys"));
            assertThat(byType.get("challenge.approved")).containsEntry("challenge_sid", challenge.getSid());
        }
    }
}
