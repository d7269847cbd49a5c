package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Factors after creation: list, fetch, update and delete (VERIFY_API.md §5). */
class FactorsIT extends EntityScenario {

    FactorsIT(Conformance conformance) {
        super(conformance);
    }

    @Test
    void listingFactorsReturnsEveryFactorOfTheEntityWithoutBindings() {
        NewFactor push = backend.newPushFactor(serviceSid, identity, conformance.newPushDevice());
        Backend.TotpFactor totp = backend.newTotpFactor(serviceSid, identity);
        backend.newTotpFactor(serviceSid, backend.newEntity(serviceSid)); // another entity's factor

        List<Factor> factors = StreamSupport.stream(
                Factor.reader(serviceSid, identity).setPageSize(1L).read(client).spliterator(), false).toList();

        assertThat(factors).extracting(Factor::getSid).containsExactlyInAnyOrder(push.getSid(), totp.sid());
        assertThat(factors).extracting(Factor::getFactorType)
                .containsExactlyInAnyOrder(Factor.FactorTypes.PUSH, Factor.FactorTypes.TOTP);
        List<Exchange> pages = conformance.exchanges().stream()
                .filter(e -> e.method().equals("GET") && e.uri().getPath().endsWith(identity + "/Factors"))
                .toList();
        assertThat(pages).as("pages of 1 for 2 factors").hasSizeGreaterThanOrEqualTo(2);
        assertThat(pages.get(0).json().path("meta").path("key").asText()).isEqualTo("factors");
        pages.forEach(page -> page.json().path("factors").forEach(factor ->
                assertThat(factor.has("binding") && !factor.get("binding").isNull()).as("binding in a list").isFalse()));
    }

    @Test
    void fetchingAFactorReturnsItsConfigAndStatus() {
        PushDevice.Enrolment enrolment = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());

        Factor factor = Factor.fetcher(serviceSid, identity, enrolment.factorSid()).fetch(client);

        assertThat(factor.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(factor.getFactorType()).isEqualTo(Factor.FactorTypes.PUSH);
        assertThat(factor.getIdentity()).isEqualTo(identity);
        assertThat(factor.getServiceSid()).isEqualTo(serviceSid);
        assertThat(Untyped.map(factor.getConfig()))
                .containsEntry("app_id", Backend.APP_ID)
                .containsEntry("credential_sid", enrolment.credentialSid());
        assertThat(factor.getUrl()).hasToString(conformance.baseUrl() + "/v2/Services/" + serviceSid
                + "/Entities/" + identity + "/Factors/" + enrolment.factorSid());
    }

    @Test
    void updatingAFactorsFriendlyNameKeepsItsStatus() {
        PushDevice.Enrolment enrolment = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());

        Factor updated = Factor.updater(serviceSid, identity, enrolment.factorSid())
                .setFriendlyName("Renamed phone")
                .setConfigNotificationPlatform("none")
                .update(client);

        assertThat(updated.getFriendlyName()).isEqualTo("Renamed phone");
        assertThat(updated.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(Factor.fetcher(serviceSid, identity, enrolment.factorSid()).fetch(client).getFriendlyName())
                .isEqualTo("Renamed phone");
    }

    @Test
    void deletingAFactorMakesItNotFound() {
        Backend.TotpFactor totp = backend.newTotpFactor(serviceSid, identity);

        assertThat(Factor.deleter(serviceSid, identity, totp.sid()).delete(client)).isTrue();

        assertThat(conformance.lastExchange().status()).isEqualTo(204);
        expectError(404, 20404, () -> Factor.fetcher(serviceSid, identity, totp.sid()).fetch(client));
    }

    @Test
    void aFactorIsNotFoundUnderAnotherIdentity() {
        Backend.TotpFactor totp = backend.newTotpFactor(serviceSid, identity);
        String stranger = backend.newEntity(serviceSid);

        expectError(404, 20404, () -> Factor.fetcher(serviceSid, stranger, totp.sid()).fetch(client));
    }
}
