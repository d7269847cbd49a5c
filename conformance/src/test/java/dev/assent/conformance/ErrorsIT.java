package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Error answers: Twilio's body shape, codes and statuses, parameter validation and account
 * isolation (VERIFY_API.md §6, §11). Every error the suite meets anywhere is also shape-checked by
 * {@link WireContract}; these scenarios provoke the ones worth pinning.
 */
class ErrorsIT extends EntityScenario {

    private PushDevice.Enrolment factor;

    ErrorsIT(Conformance conformance) {
        super(conformance);
    }

    @BeforeEach
    void enrolAPushFactor() {
        factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
    }

    @Test
    void everyErrorBodyHasCodeMessageMoreInfoAndStatus() {
        String auth = AssentServer.basic(conformance.account().sid(), conformance.account().authToken());
        List<Exchange> errors = List.of(
                conformance.wire().send("GET", uri("/v2/Services/VA" + AssentServer.randomHex(32)),
                        Map.of("Authorization", List.of(auth)), null),
                conformance.wire().send("GET", uri("/v2/Services"), Map.of(), null),
                conformance.wire().send("POST", uri("/v2/Services"),
                        Map.of("Authorization", List.of(auth)), "TtsName=no-friendly-name"));

        for (Exchange error : errors) {
            JsonNode body = error.json();
            assertThat(error.status()).as(error.describe()).isBetween(400, 499);
            assertThat(body.path("code").isInt()).as(error.describe()).isTrue();
            assertThat(body.path("message").asText()).as(error.describe()).isNotBlank();
            assertThat(body.path("more_info").asText()).as(error.describe())
                    .isEqualTo("https://www.twilio.com/docs/errors/" + body.path("code").asInt());
            assertThat(body.path("status").asInt()).as(error.describe()).isEqualTo(error.status());
        }
    }

    @Test
    void aChallengeWithoutFactorSidIsRejectedNamingFactorSid() {
        ApiException error = ApiErrors.expectApiException(() -> Challenge.creator(serviceSid, identity, null)
                .setDetailsMessage("No factor")
                .create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("FactorSid");
        assertThat(conformance.lastExchange().requestBody()).doesNotContain("FactorSid");
    }

    @Test
    void anUnknownChallengeSidIsNotFound() {
        expectError(404, 20404, () -> Challenge.fetcher(serviceSid, identity, "YC" + AssentServer.randomHex(32)).fetch(client));
    }

    @Test
    void anUnknownServiceSidIsNotFound() {
        expectError(404, 20404, () -> Entity.creator("VA" + AssentServer.randomHex(32), Backend.newIdentity()).create(client));
    }

    @Test
    void badCredentialsAreRejectedWith401And20003() {
        TwilioRestClient wrongToken = conformance.twilio(conformance.account().sid(), AssentServer.randomHex(32));

        expectError(401, 20003, () -> Service.reader().read(wrongToken).iterator().next());
    }

    @Test
    void anUnknownAccountIsRejectedWith401And20003() {
        TwilioRestClient stranger = conformance.twilio("AC" + AssentServer.randomHex(32), AssentServer.randomHex(32));

        expectError(401, 20003, () -> Service.fetcher(serviceSid).fetch(stranger));
    }

    @Test
    void anotherAccountsServiceIsNotFound() {
        AssentServer.Account other = conformance.secondAccount().orElse(null);
        Assumptions.assumeTrue(other != null, "no second account (external server without ASSENT_SECOND_ACCOUNT_SID)");
        TwilioRestClient otherClient = conformance.twilio(other.sid(), other.authToken());

        expectError(404, 20404, () -> Service.fetcher(serviceSid).fetch(otherClient));
        expectError(404, 20404, () -> Entity.fetcher(serviceSid, identity).fetch(otherClient));
        List<String> visible = new ArrayList<>();
        Service.reader().read(otherClient).forEach(service -> visible.add(service.getSid()));
        assertThat(visible).doesNotContain(serviceSid);
    }

    @Test
    void aDetailsMessageOf256CharactersIsAccepted() {
        Challenge challenge = Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("m".repeat(256))
                .create(client);

        assertThat(Untyped.map(challenge.getDetails()).get("message")).isEqualTo("m".repeat(256));
    }

    @Test
    void aDetailsMessageOf257CharactersIsRejectedWith400() {
        ApiException error = ApiErrors.expectApiException(() -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("m".repeat(257))
                .create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
    }

    @Test
    void hiddenDetailsThatAreNotJsonAreRejectedWith400() {
        ApiException error = ApiErrors.expectApiException(() -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Bad hidden details")
                .setHiddenDetails("{\"ip\": 172.168")
                .create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
    }

    @Test
    void detailsFieldsThatAreNotJsonAreRejectedWith400() {
        ApiException error = ApiErrors.expectApiException(() -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Bad fields")
                .setDetailsFields(List.<Object>of("label=Action"))
                .create(client));

        assertThat(error.getStatusCode()).isEqualTo(400);
    }

    private URI uri(String path) {
        return URI.create(conformance.baseUrl() + path);
    }
}
