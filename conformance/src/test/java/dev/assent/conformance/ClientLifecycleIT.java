package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.client.AccessToken;
import dev.assent.client.AssentClient;
import dev.assent.client.AssentException;
import dev.assent.client.Challenge;
import dev.assent.client.ChallengeOrder;
import dev.assent.client.ChallengeStatus;
import dev.assent.client.CreateChallengeParams;
import dev.assent.client.CreateFactorParams;
import dev.assent.client.DetailField;
import dev.assent.client.Entity;
import dev.assent.client.Factor;
import dev.assent.client.FactorStatus;
import dev.assent.client.FactorType;
import dev.assent.client.ListChallengeParams;
import dev.assent.client.ListParams;
import dev.assent.client.Notification;
import dev.assent.client.Service;
import dev.assent.client.ServiceParams;
import dev.assent.client.UpdateChallengeParams;
import dev.assent.client.UpdateFactorParams;
import dev.assent.client.Webhook;
import dev.assent.client.WebhookParams;
import dev.assent.client.WebhookStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client in {@code client/} against the real Assent server: the whole challenge lifecycle for
 * TOTP and push (the push answer comes from the emulated device), paging, and the other resources.
 * The webhook scenario is skipped (not failed) while the server does not serve {@code /Webhooks}; the
 * client's webhook calls are covered against the fake server in {@code client/} either way.
 */
@ExtendWith(ConformanceExtension.class)
class ClientLifecycleIT {

    private final Conformance conformance;
    private AssentClient client;
    private String serviceSid;
    private String identity;

    ClientLifecycleIT(Conformance conformance) {
        this.conformance = conformance;
    }

    @BeforeEach
    void createServiceAndEntity() {
        client = conformance.assentClient();
        Service service = client.services().createService(ServiceParams.builder("Client IT").totpIssuer("Client IT").build());
        serviceSid = service.sid();
        assertThat(serviceSid).matches("VA[0-9a-f]{32}");
        assertThat(service.totp().issuer()).isEqualTo("Client IT");
        identity = "client-" + AssentServer.randomHex(16);
        Entity entity = client.entities().createEntity(serviceSid, identity);
        assertThat(entity.identity()).isEqualTo(identity);
        assertThat(entity.sid()).startsWith("YE");
    }

    @Test
    void totpChallengeLifecycle() {
        Factor created = client.factors().createFactor(serviceSid, identity, CreateFactorParams.totp("Authenticator").build());
        assertThat(created.status()).isEqualTo(FactorStatus.UNVERIFIED);
        assertThat(created.factorType()).isEqualTo(FactorType.TOTP);
        assertThat(created.totpUri()).startsWith("otpauth://totp/");
        Backend.TotpFactor codes = new Backend.TotpFactor(serviceSid, identity, created.sid(),
                TotpCodes.forBase32Secret(created.totpSecret()), null);

        Factor verified = client.factors().updateFactor(serviceSid, identity, created.sid(),
                UpdateFactorParams.authPayload(codes.freshCode()));
        assertThat(verified.status()).isEqualTo(FactorStatus.VERIFIED);
        assertThat(verified.binding()).as("binding only comes back on create").isEmpty();

        // Verified at creation with a code.
        Challenge approvedAtOnce = client.challenges().createChallenge(serviceSid, identity,
                CreateChallengeParams.builder().factorSid(created.sid()).authPayload(codes.freshCode()).build());
        assertThat(approvedAtOnce.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approvedAtOnce.factorType()).isEqualTo(FactorType.TOTP);

        // Created pending with details, then answered with a code.
        Instant expiration = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Challenge pending = client.challenges().createChallenge(serviceSid, identity, CreateChallengeParams.builder()
                .factorSid(created.sid())
                .detailsMessage("Login from Firefox")
                .addDetailsField("Location", "Berlin, DE")
                .addDetailsField("IP", "203.0.113.7")
                .hiddenDetails(Map.of("session", "s-1"))
                .expirationDate(expiration)
                .build());
        assertThat(pending.status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(pending.expirationDate()).isEqualTo(expiration);
        assertThat(pending.details().message()).isEqualTo("Login from Firefox");
        assertThat(pending.details().fields()).containsExactly(
                new DetailField("Location", "Berlin, DE"), new DetailField("IP", "203.0.113.7"));
        assertThat(pending.hiddenDetails()).containsEntry("session", "s-1");

        Challenge fetched = client.challenges().fetchChallenge(serviceSid, identity, pending.sid());
        assertThat(fetched).isEqualTo(pending);

        Challenge answered = client.challenges().updateChallenge(serviceSid, identity, pending.sid(),
                UpdateChallengeParams.authPayload(codes.freshCode()));
        assertThat(answered.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(answered.dateResponded()).isNotNull();

        AssentException again = (AssentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                client.challenges().updateChallenge(serviceSid, identity, pending.sid(),
                        UpdateChallengeParams.authPayload(codes.wrongCode())));
        assertThat(again.code()).isEqualTo(60322);
        assertThat(again.httpStatus()).isEqualTo(403);

        List<Challenge> approved = client.challenges().listChallenge(serviceSid, identity, ListChallengeParams.builder()
                .factorSid(created.sid()).status(ChallengeStatus.APPROVED).build()).toList();
        assertThat(approved).extracting(Challenge::sid).containsExactlyInAnyOrder(approvedAtOnce.sid(), pending.sid());
    }

    @Test
    void listChallengeStreamsAcrossPagesWithASmallPageSizeAndStopsAtTheLimit() {
        Factor factor = verifiedTotpFactor();
        List<String> sids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sids.add(client.challenges().createChallenge(serviceSid, identity, CreateChallengeParams.builder()
                    .factorSid(factor.sid()).detailsMessage("Challenge " + i).build()).sid());
        }

        List<String> all = client.challenges().listChallenge(serviceSid, identity,
                ListChallengeParams.builder().factorSid(factor.sid()).pageSize(2).build()).map(Challenge::sid).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(sids).doesNotHaveDuplicates();

        List<String> limited = client.challenges().listChallenge(serviceSid, identity,
                ListChallengeParams.builder().pageSize(2).limit(3).build()).map(Challenge::sid).toList();
        assertThat(limited).hasSize(3).isSubsetOf(sids);

        List<String> ascending = client.challenges().listChallenge(serviceSid, identity,
                ListChallengeParams.builder().order(ChallengeOrder.ASC).status(ChallengeStatus.PENDING).pageSize(3)
                        .build()).map(Challenge::sid).toList();
        List<String> descending = client.challenges().listChallenge(serviceSid, identity,
                ListChallengeParams.builder().order(ChallengeOrder.DESC).status(ChallengeStatus.PENDING).pageSize(3)
                        .build()).map(Challenge::sid).toList();
        assertThat(ascending).containsExactlyInAnyOrderElementsOf(sids);
        // Challenges created within one second may tie on date_created, so only the set is compared.
        assertThat(descending).containsExactlyInAnyOrderElementsOf(sids);
    }

    @Test
    void pushChallengeApprovedByTheDeviceReadsApproved() {
        AccessToken token = client.accessTokens().createAccessToken(serviceSid, identity, "Ana's phone", 300);
        assertThat(token.sid()).startsWith("YK");
        assertThat(token.entityIdentity()).isEqualTo(identity);
        assertThat(client.accessTokens().fetchAccessToken(serviceSid, token.sid()).factorType()).isEqualTo(FactorType.PUSH);

        PushDevice device = conformance.newPushDevice();
        Exchange created = device.createFactor(serviceSid, identity, token.token(), "Ana's phone");
        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        PushDevice.Enrolment enrolment = PushDevice.enrolment(created);
        assertThat(device.verifyFactor(enrolment).status()).isEqualTo(200);
        Factor factor = client.factors().fetchFactor(serviceSid, identity, enrolment.factorSid());
        assertThat(factor.status()).isEqualTo(FactorStatus.VERIFIED);
        assertThat(factor.factorType()).isEqualTo(FactorType.PUSH);

        Challenge challenge = client.challenges().createChallenge(serviceSid, identity, CreateChallengeParams.builder()
                .factorSid(factor.sid())
                .detailsMessage("Approve the transfer?")
                .addDetailsField("Amount", "10 EUR")
                .build());
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(challenge.factorType()).isEqualTo(FactorType.PUSH);

        Notification notification = client.notifications().createNotification(serviceSid, identity, challenge.sid(), 60);
        assertThat(notification.sid()).startsWith("NT");
        assertThat(notification.challengeSid()).isEqualTo(challenge.sid());
        assertThat(notification.ttl()).isEqualTo(60);

        Exchange answer = device.respond(enrolment, challenge.sid(), "approved");
        assertThat(answer.status()).as(answer.describe()).isEqualTo(200);

        Challenge approved = client.challenges().fetchChallenge(serviceSid, identity, challenge.sid());
        assertThat(approved.status()).isEqualTo(ChallengeStatus.APPROVED);
        assertThat(approved.dateResponded()).isNotNull();
        assertThat(approved.details().fields()).containsExactly(new DetailField("Amount", "10 EUR"));
    }

    @Test
    void servicesEntitiesAndFactorsThroughTheClient() {
        Service updated = client.services().updateService(serviceSid, ServiceParams.builder("Client IT 2")
                .totpTimeStep(60).totpCodeLength(8).build());
        assertThat(updated.friendlyName()).isEqualTo("Client IT 2");
        assertThat(updated.totp().timeStep()).isEqualTo(60);
        assertThat(client.services().fetchService(serviceSid)).isEqualTo(updated);
        assertThat(client.services().listService(ListParams.all()).map(Service::sid)).contains(serviceSid);

        assertThat(client.entities().fetchEntity(serviceSid, identity).identity()).isEqualTo(identity);
        assertThat(client.entities().listEntity(serviceSid, ListParams.of(1, 10)).map(Entity::identity))
                .containsExactly(identity);

        Factor factor = client.factors().createFactor(serviceSid, identity, CreateFactorParams.totp("Second").build());
        assertThat(factor.config()).containsEntry("time_step", 60).containsEntry("code_length", 8);
        assertThat(client.factors().listFactor(serviceSid, identity, ListParams.all()).map(Factor::sid))
                .containsExactly(factor.sid());
        client.factors().deleteFactor(serviceSid, identity, factor.sid());
        assertThatThrownBy(() -> client.factors().fetchFactor(serviceSid, identity, factor.sid()))
                .isInstanceOfSatisfying(AssentException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));

        client.entities().deleteEntity(serviceSid, identity);
        client.services().deleteService(serviceSid);
        assertThatThrownBy(() -> client.services().fetchService(serviceSid))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(20404);
                    assertThat(e.moreInfo()).contains("20404");
                });
    }

    @Test
    void webhooksThroughTheClient() {
        Webhook webhook = client.webhooks().createWebhook(serviceSid, WebhookParams.builder()
                .friendlyName("Events").eventTypes("factor.verified", "challenge.approved")
                .webhookUrl("https://hooks.example.com/assent").build());
        assertThat(webhook.sid()).matches("YW[0-9a-f]{32}");
        assertThat(webhook.eventTypes()).containsExactly("factor.verified", "challenge.approved");
        assertThat(webhook.status()).isEqualTo(WebhookStatus.ENABLED);
        Webhook disabled = client.webhooks().updateWebhook(serviceSid, webhook.sid(),
                WebhookParams.builder().status(WebhookStatus.DISABLED).build());
        assertThat(disabled.status()).isEqualTo(WebhookStatus.DISABLED);
        assertThat(client.webhooks().fetchWebhook(serviceSid, webhook.sid()).status()).isEqualTo(WebhookStatus.DISABLED);
        assertThat(client.webhooks().listWebhook(serviceSid, ListParams.all()).map(Webhook::sid))
                .containsExactly(webhook.sid());
        client.webhooks().deleteWebhook(serviceSid, webhook.sid());
        assertThat(client.webhooks().listWebhook(serviceSid, ListParams.all()).count()).isZero();
    }

    private Factor verifiedTotpFactor() {
        Factor created = client.factors().createFactor(serviceSid, identity, CreateFactorParams.totp("Authenticator").build());
        String code = TotpCodes.forBase32Secret(created.totpSecret()).codeAt(Instant.now());
        return client.factors().updateFactor(serviceSid, identity, created.sid(), UpdateFactorParams.authPayload(code));
    }
}
