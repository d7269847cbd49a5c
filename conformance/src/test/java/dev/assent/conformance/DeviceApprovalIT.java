package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The phone's side of a push challenge, spoken as the Verify Push SDKs do (docs/push-protocol.md §4–6),
 * with the backend checking the outcome through twilio-java.
 */
class DeviceApprovalIT extends EntityScenario {

    private PushDevice device;
    private PushDevice.Enrolment factor;

    DeviceApprovalIT(Conformance conformance) {
        super(conformance);
    }

    @BeforeEach
    void enrolADevice() {
        device = conformance.newPushDevice();
        factor = backend.newVerifiedPushFactor(serviceSid, identity, device);
    }

    @Test
    void theDeviceReadsThePendingChallengeWithItsSignatureFields() {
        String challengeSid = newChallenge("Sign in to the portal?");

        PushDevice.FetchedChallenge fetched = device.fetchChallenge(factor, challengeSid);

        assertThat(fetched.exchange().status()).isEqualTo(200);
        assertThat(fetched.exchange().responseContentType()).startsWith("application/json");
        assertThat(fetched.exchange().headers("Twilio-Verify-Signature-Fields")).as("one header value").hasSize(1);
        assertThat(fetched.signatureFields()).contains("sid", "factor_sid")
                .allSatisfy(field -> assertThat(field).as("no spaces around names").isEqualTo(field.strip()))
                .allSatisfy(field -> assertThat(fetched.body().has(field)).as("body has listed field %s", field).isTrue());
        assertThat(fetched.body().path("sid").asText()).isEqualTo(challengeSid);
        assertThat(fetched.body().path("factor_sid").asText()).isEqualTo(factor.factorSid());
        assertThat(fetched.body().path("status").asText()).isEqualTo("pending");
        assertThat(fetched.body().path("details").path("message").asText()).isEqualTo("Sign in to the portal?");
    }

    @Test
    void theDeviceApprovesAPendingChallenge() {
        String challengeSid = newChallenge("Approve me");

        Exchange answer = device.respond(factor, challengeSid, "approved");

        assertThat(answer.status()).isEqualTo(200);
        Challenge seen = Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client);
        assertThat(seen.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
        assertThat(seen.getDateResponded()).isNotNull();
        assertThat(seen.getRespondedReason()).isEqualTo(Challenge.ChallengeReasons.NONE);
        // The SDK checks its answer by fetching again (§6.1 step 3).
        assertThat(device.fetchChallenge(factor, challengeSid).body().path("status").asText()).isEqualTo("approved");
    }

    @Test
    void theDeviceDeniesAPendingChallenge() {
        String challengeSid = newChallenge("Deny me");

        Exchange answer = device.respond(factor, challengeSid, "denied");

        assertThat(answer.status()).isEqualTo(200);
        Challenge seen = Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client);
        assertThat(seen.getStatus()).isEqualTo(Challenge.ChallengeStatuses.DENIED);
        assertThat(seen.getDateResponded()).isNotNull();
    }

    @Test
    void aSecondAnswerIsRejectedWith60322() {
        String challengeSid = newChallenge("Only once");
        PushDevice.FetchedChallenge fetched = device.fetchChallenge(factor, challengeSid);
        String approval = device.sign(PushDevice.signedPayload(fetched, "approved"));
        assertThat(device.postAuthPayload(factor, challengeSid, approval).status()).isEqualTo(200);

        Exchange again = device.postAuthPayload(factor, challengeSid, approval);

        assertError(again, 403, 60322);
        assertThat(Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void aTamperedPayloadIsRejectedWith60324AndTheChallengeStaysPending() {
        String challengeSid = newChallenge("Transfer 10 EUR?");

        Exchange answer = device.respond(factor, challengeSid, "approved",
                payload -> ((ObjectNode) payload.get("details")).put("message", "Transfer 10000 EUR?"));

        assertError(answer, 403, 60324);
        assertThat(Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.PENDING);
    }

    @Test
    void aPayloadSignedByAnotherKeyIsRejectedWith60324() {
        String challengeSid = newChallenge("Who signs?");
        PushDevice.FetchedChallenge fetched = device.fetchChallenge(factor, challengeSid);
        String forged = conformance.newPushDevice().sign(PushDevice.signedPayload(fetched, "approved"));

        Exchange answer = device.postAuthPayload(factor, challengeSid, forged);

        assertError(answer, 403, 60324);
        assertThat(Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.PENDING);
    }

    @Test
    void aDeviceTokenForOneFactorCannotReadAnotherFactorsChallenge() {
        PushDevice otherDevice = conformance.newPushDevice();
        PushDevice.Enrolment otherFactor = backend.newVerifiedPushFactor(serviceSid, identity, otherDevice);
        String othersChallenge = Challenge.creator(serviceSid, identity, otherFactor.factorSid())
                .setDetailsMessage("Not for the first phone")
                .create(client)
                .getSid();

        PushDevice.FetchedChallenge fetched = device.fetchChallenge(factor, othersChallenge);

        assertThat(fetched.exchange().status()).as("device A reading factor B's challenge").isIn(401, 403, 404);
    }

    @Test
    void anExpiredDeviceTokenIsRejectedWith401ADateHeaderAndAJsonBody() {
        String challengeSid = newChallenge("Too late");
        String expired = device.deviceJwt(factor, Instant.now().minus(Duration.ofMinutes(20)), PushDevice.JWT_LIFETIME);

        Exchange answer = device.fetchChallenge(factor, challengeSid, expired).exchange();

        assertThat(answer.status()).isEqualTo(401);
        // The SDKs correct their clock from Date on a 401 and retry once (docs/push-protocol.md §1).
        assertThat(answer.header("Date")).isPresent();
        JsonNode body = answer.json();
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejectedWith401() {
        String challengeSid = newChallenge("Wrong key");
        String forged = conformance.newPushDevice().deviceJwt(factor);

        Exchange answer = device.fetchChallenge(factor, challengeSid, forged).exchange();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Date")).isPresent();
    }

    @Test
    void anExpiredChallengeCannotBeAnsweredWith60323() {
        String challengeSid = Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Short-lived")
                .setExpirationDate(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS))
                .create(client)
                .getSid();
        String approval = device.sign(PushDevice.signedPayload(device.fetchChallenge(factor, challengeSid), "approved"));

        awaitStatus(challengeSid, Challenge.ChallengeStatuses.EXPIRED, Duration.ofSeconds(15));
        Exchange answer = device.postAuthPayload(factor, challengeSid, approval);

        assertError(answer, 403, 60323);
        assertThat(Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.EXPIRED);
    }

    @Test
    void theDeviceVerifiesItsOwnFactorWithItsDeviceToken() {
        PushDevice phone = conformance.newPushDevice();
        PushDevice.Enrolment unverified = Backend.enrolment(backend.newPushFactor(serviceSid, identity, phone));

        Exchange answer = phone.verifyFactor(unverified);

        assertThat(answer.status()).as(answer.describe()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("verified");
        assertThat(Factor.fetcher(serviceSid, identity, unverified.factorSid()).fetch(client).getStatus())
                .isEqualTo(Factor.FactorStatuses.VERIFIED);
    }

    /** Polls the backend view of a challenge until it reaches {@code status}, within {@code limit}. */
    private void awaitStatus(String challengeSid, Challenge.ChallengeStatuses status, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        Challenge.ChallengeStatuses seen;
        do {
            seen = Challenge.fetcher(serviceSid, identity, challengeSid).fetch(client).getStatus();
            if (seen == status) {
                return;
            }
            try {
                Thread.sleep(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("challenge " + challengeSid + " still " + seen + " after " + limit + ", expected " + status);
    }

    private String newChallenge(String message) {
        return Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage(message)
                .setDetailsFields(List.<Object>of(Map.of("label", "Where", "value", "Conformance suite")))
                .setHiddenDetails(Map.of("ip", "127.0.0.1"))
                .create(client)
                .getSid();
    }

    private static void assertError(Exchange exchange, int status, int code) {
        assertThat(exchange.status()).as("HTTP status\n%s", exchange.describe()).isEqualTo(status);
        assertThat(exchange.json().path("code").asInt()).as("Twilio error code\n%s", exchange.describe()).isEqualTo(code);
    }
}
