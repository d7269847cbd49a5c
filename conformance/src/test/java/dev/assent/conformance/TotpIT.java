package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TOTP factors and challenges: the server-generated seed, verification with codes computed here
 * (RFC 6238), approval, replay and the attempt limit (VERIFY_API.md §5, §7, §11).
 */
class TotpIT extends EntityScenario {

    TotpIT(Conformance conformance) {
        super(conformance);
    }

    @Test
    void creatingATotpFactorReturnsTheSeedAndAnOtpauthUri() {
        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);
        NewFactor created = factor.created();

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(created.getSid()).matches("YF[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(NewFactor.FactorStatuses.UNVERIFIED);
        assertThat(created.getFactorType()).isEqualTo(NewFactor.FactorTypes.TOTP);
        assertThat(created.getFriendlyName()).isEqualTo("Conformance authenticator");
        Map<String, Object> binding = Untyped.map(created.getBinding());
        String secret = (String) binding.get("secret");
        assertThat(secret).matches("[A-Z2-7]+=*").hasSizeGreaterThanOrEqualTo(16);
        URI uri = URI.create((String) binding.get("uri"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        String query = URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).contains("secret=" + secret);
        assertThat(URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8)).contains("Conformance authenticator");
        assertThat(Untyped.map(created.getConfig()))
                .containsEntry("time_step", 30)
                .containsEntry("code_length", 6)
                .containsEntry("skew", 1)
                .containsEntry("alg", "sha1");
    }

    @Test
    void aFactorTakesItsDefaultsFromTheServiceTotpSettings() {
        String tuned = Service.creator(Backend.friendlyName("Tuned"))
                .setTotpIssuer("Tuned Issuer")
                .setTotpTimeStep(60)
                .setTotpCodeLength(8)
                .setTotpSkew(1)
                .create(client)
                .getSid();
        String user = backend.newEntity(tuned);
        NewFactor created = NewFactor.creator(tuned, user, "Tuned authenticator", NewFactor.FactorTypes.TOTP).create(client);

        assertThat(Untyped.map(created.getConfig()))
                .containsEntry("time_step", 60)
                .containsEntry("code_length", 8)
                .containsEntry("skew", 1);
        String uri = URLDecoder.decode((String) Untyped.map(created.getBinding()).get("uri"), StandardCharsets.UTF_8);
        assertThat(uri).contains("issuer=Tuned Issuer").contains("digits=8").contains("period=60");
        TotpCodes codes = new TotpCodes(TotpCodes.base32Decode((String) Untyped.map(created.getBinding()).get("secret")),
                60, 8, "HmacSHA1");
        Factor verified = Factor.updater(tuned, user, created.getSid())
                .setAuthPayload(codes.codeAt(Instant.now()))
                .update(client);
        assertThat(verified.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
    }

    @Test
    void theBindingIsOnlyReturnedOnCreation() {
        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);

        Factor.fetcher(serviceSid, identity, factor.sid()).fetch(client);

        assertThat(conformance.lastExchange().json().path("binding").isMissingNode()
                || conformance.lastExchange().json().path("binding").isNull()).as("binding in a fetch").isTrue();
    }

    @Test
    void theCurrentCodeVerifiesTheFactor() {
        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);

        Factor verified = Factor.updater(serviceSid, identity, factor.sid()).setAuthPayload(factor.freshCode()).update(client);

        assertThat(verified.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(Factor.fetcher(serviceSid, identity, factor.sid()).fetch(client).getStatus())
                .isEqualTo(Factor.FactorStatuses.VERIFIED);
    }

    @Test
    void aWrongCodeLeavesTheFactorUnverified() {
        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);

        // Since 2021-10-27 Twilio answers a wrong TOTP code on factor verification with 200 and
        // status still unverified, not with error 60311 (VERIFY_API.md §11).
        Factor answer = Factor.updater(serviceSid, identity, factor.sid()).setAuthPayload(factor.wrongCode()).update(client);

        assertThat(answer.getStatus()).isEqualTo(Factor.FactorStatuses.UNVERIFIED);
        assertThat(Factor.fetcher(serviceSid, identity, factor.sid()).fetch(client).getStatus())
                .isEqualTo(Factor.FactorStatuses.UNVERIFIED);
    }

    @Test
    void aChallengeCreatedWithTheCurrentCodeIsApproved() {
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);

        Challenge challenge = Challenge.creator(serviceSid, identity, factor.sid())
                .setAuthPayload(factor.freshCode())
                .create(client);

        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(challenge.getSid()).matches("YC[0-9a-f]{32}");
        assertThat(challenge.getFactorType()).isEqualTo(Challenge.FactorTypes.TOTP);
        assertThat(challenge.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
        assertThat(challenge.getDateResponded()).isNotNull();
        assertThat(challenge.getFactorSid()).isEqualTo(factor.sid());
    }

    @Test
    void aChallengeCreatedWithoutCodeIsApprovedByUpdatingItWithTheCode() {
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);
        Challenge pending = Challenge.creator(serviceSid, identity, factor.sid()).create(client);
        assertThat(pending.getStatus()).isEqualTo(Challenge.ChallengeStatuses.PENDING);
        assertThat(pending.getDateResponded()).isNull();

        Challenge approved = Challenge.updater(serviceSid, identity, pending.getSid())
                .setAuthPayload(factor.freshCode())
                .update(client);

        assertThat(approved.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
        assertThat(approved.getDateResponded()).isNotNull();
        assertThat(Challenge.fetcher(serviceSid, identity, pending.getSid()).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void replayingAnAcceptedCodeOnAnotherChallengeDoesNotApproveIt() {
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);
        Challenge first = Challenge.creator(serviceSid, identity, factor.sid()).setAuthPayload(factor.freshCode()).create(client);
        assertThat(first.getStatus()).isEqualTo(Challenge.ChallengeStatuses.APPROVED);
        Challenge second = Challenge.creator(serviceSid, identity, factor.sid()).create(client);

        ApiException rejected = catchThrowableOfType(ApiException.class, () -> Challenge.updater(serviceSid, identity, second.getSid())
                .setAuthPayload(factor.lastCode())
                .update(client));

        // Either answer is acceptable: 403 60324, or 200 with the challenge still pending.
        if (rejected != null) {
            assertThat(rejected.getStatusCode()).isEqualTo(403);
            assertThat(rejected.getCode()).isEqualTo(60324);
        } else {
            assertThat(conformance.lastExchange().json().path("status").asText()).isEqualTo("pending");
        }
        assertThat(Challenge.fetcher(serviceSid, identity, second.getSid()).fetch(client).getStatus())
                .isNotEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void theSixthAttemptAfterFiveWrongCodesIsRejectedWith60308() {
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);
        Challenge challenge = Challenge.creator(serviceSid, identity, factor.sid()).create(client);

        for (int attempt = 1; attempt <= 5; attempt++) {
            ApiException error = catchThrowableOfType(ApiException.class, () -> Challenge.updater(serviceSid, identity, challenge.getSid())
                    .setAuthPayload(factor.wrongCode())
                    .update(client));
            if (error != null) {
                assertThat(error.getCode()).as("wrong code, attempt %d", attempt).isEqualTo(60324);
            } else {
                assertThat(conformance.lastExchange().json().path("status").asText())
                        .as("wrong code, attempt %d", attempt).isEqualTo("pending");
            }
        }

        // Even the right code is refused once the attempts are used up.
        expectError(429, 60308, () -> Challenge.updater(serviceSid, identity, challenge.getSid())
                .setAuthPayload(factor.freshCode())
                .update(client));
        assertThat(Challenge.fetcher(serviceSid, identity, challenge.getSid()).fetch(client).getStatus())
                .isNotEqualTo(Challenge.ChallengeStatuses.APPROVED);
    }

    @Test
    void tenWrongCodesInARowAcrossChallengesLockTheFactorWith60310AndRetryAfter() {
        // Assent's TOTP lockout (README "TOTP lockout"; Twilio has none): default 10 in a row, 1 min first.
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);
        for (int challenge = 0; challenge < 2; challenge++) {
            Challenge pending = Challenge.creator(serviceSid, identity, factor.sid()).create(client);
            for (int attempt = 0; attempt < 5; attempt++) {
                catchThrowableOfType(ApiException.class, () -> Challenge.updater(serviceSid, identity, pending.getSid())
                        .setAuthPayload(factor.wrongCode())
                        .update(client));
                assertThat(conformance.lastExchange().status()).as("wrong code %d", attempt).isIn(200, 403);
            }
        }
        Challenge third = Challenge.creator(serviceSid, identity, factor.sid()).create(client);

        // A judged wrong code would leave the challenge pending (200); a locked factor judges none.
        expectError(429, 60310, () -> Challenge.updater(serviceSid, identity, third.getSid())
                .setAuthPayload(factor.wrongCode())
                .update(client));
        assertThat(conformance.lastExchange().header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        expectError(429, 60310, () -> Challenge.creator(serviceSid, identity, factor.sid())
                .setAuthPayload(factor.wrongCode())
                .create(client));
        assertThat(Challenge.fetcher(serviceSid, identity, third.getSid()).fetch(client).getStatus())
                .isEqualTo(Challenge.ChallengeStatuses.PENDING);
    }

    @Test
    void aChallengeOnAnUnverifiedFactorIsForbiddenWith60318() {
        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);

        expectError(403, 60318, () -> Challenge.creator(serviceSid, identity, factor.sid())
                .setAuthPayload(factor.freshCode())
                .create(client));
    }
}
