package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Twilio's challenge creation limit as the SDK sees it (VERIFY_API.md §11, error 60312): a factor
 * with 4-digit codes gets 10 challenges a day, so the 11th is a 429 {@link ApiException}. Its own
 * service and factor, at the server's default limits, leave the rest of the suite untouched.
 */
class LimitsIT extends EntityScenario {

    LimitsIT(Conformance conformance) {
        super(conformance);
    }

    @Test
    void theEleventhChallengeOnAFourDigitFactorIsRefusedWith60312() {
        NewFactor created = NewFactor.creator(serviceSid, identity, "Four digits", NewFactor.FactorTypes.TOTP)
                .setConfigCodeLength(4)
                .create(client);
        TotpCodes codes = new TotpCodes(TotpCodes.base32Decode((String) Untyped.map(created.getBinding()).get("secret")),
                30, 4, "HmacSHA1");
        Factor verified = Factor.updater(serviceSid, identity, created.getSid())
                .setAuthPayload(codes.codeAt(Instant.now()))
                .update(client);
        assertThat(verified.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);

        for (int i = 0; i < 10; i++) {
            Challenge challenge = Challenge.creator(serviceSid, identity, created.getSid()).create(client);
            assertThat(challenge.getStatus()).isEqualTo(Challenge.ChallengeStatuses.PENDING);
        }
        ApiException refused = expectError(429, 60312,
                () -> Challenge.creator(serviceSid, identity, created.getSid()).create(client));
        assertThat(refused.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/60312");
        assertThat(conformance.lastExchange().header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 24L * 3600));
    }
}
