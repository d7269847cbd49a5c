package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
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
}
