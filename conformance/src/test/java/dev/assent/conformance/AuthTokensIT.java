package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.verify.v2.Service;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Auth-token rotation through twilio-java's accounts v1 classes ({@code SecondaryAuthToken},
 * {@code AuthTokenPromotion}), which the SDK sends to accounts.twilio.com and the suite's transport
 * sends to Assent: the secondary works beside the primary, and after promotion only it does.
 */
@ExtendWith(ConformanceExtension.class)
class AuthTokensIT {

    private final Conformance conformance;

    AuthTokensIT(Conformance conformance) {
        this.conformance = conformance;
    }

    @Test
    void aSecondaryTokenIsAcceptedUntilItsPromotionRetiresThePrimary() {
        var account = conformance.freshAccount();
        Assumptions.assumeTrue(account.isPresent(), "rotating tokens needs an account of its own (a server this run started)");
        String sid = account.get().sid();
        TwilioRestClient primary = conformance.twilio(sid, account.get().authToken());

        SecondaryAuthToken created = SecondaryAuthToken.creator().create(primary);
        assertThat(conformance.lastExchange().status()).isEqualTo(201);
        assertThat(conformance.lastExchange().uri().getPath()).isEqualTo("/v1/AuthTokens/Secondary");
        assertThat(created.getAccountSid()).isEqualTo(sid);
        assertThat(created.getSecondaryAuthToken()).matches("[0-9a-f]{32}");
        assertThat(created.getDateCreated()).isNotNull();
        assertThat(created.getUrl()).hasToString(conformance.baseUrl() + "/v1/AuthTokens/Secondary");
        TwilioRestClient secondary = conformance.twilio(sid, created.getSecondaryAuthToken());

        // The grace period: both authenticate.
        Service made = Service.creator("Rotation").create(primary);
        assertThat(Service.fetcher(made.getSid()).fetch(secondary).getFriendlyName()).isEqualTo("Rotation");

        AuthTokenPromotion promoted = AuthTokenPromotion.updater().update(secondary);
        assertThat(conformance.lastExchange().status()).isEqualTo(200);
        assertThat(promoted.getAuthToken()).isEqualTo(created.getSecondaryAuthToken());
        assertThat(promoted.getAccountSid()).isEqualTo(sid);

        expectError(401, 20003, () -> Service.reader().read(primary));
        assertThat(Service.reader().read(secondary)).extracting(Service::getSid).containsExactly(made.getSid());
        expectError(404, 20404, () -> AuthTokenPromotion.updater().update(secondary));

        SecondaryAuthToken next = SecondaryAuthToken.creator().create(secondary);
        TwilioRestClient nextClient = conformance.twilio(sid, next.getSecondaryAuthToken());
        assertThat(Service.fetcher(made.getSid()).fetch(nextClient).getSid()).isEqualTo(made.getSid());
        assertThat(SecondaryAuthToken.deleter().delete(secondary)).isTrue();
        assertThat(conformance.lastExchange().status()).isEqualTo(204);
        expectError(401, 20003, () -> Service.reader().read(nextClient));
    }
}
