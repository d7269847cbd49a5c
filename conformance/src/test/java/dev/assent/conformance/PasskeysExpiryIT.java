package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An expired passkeys login, from outside: the server's clock is its own, so this waits for the
 * challenge's real {@code expiration_date} (five minutes by default, VERIFY_API.md's challenge
 * lifetime; bounded below). Kept in its own class so its cost shows in the reports.
 */
@ExtendWith(ConformanceExtension.class)
class PasskeysExpiryIT {

    /** The longest lifetime accepted for a login challenge; the wait never exceeds it. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private final TwilioRestClient client;
    private final PasskeyBackend passkeys;

    PasskeysExpiryIT(Conformance conformance) {
        this.client = conformance.twilio();
        this.passkeys = new PasskeyBackend(client);
    }

    @Test
    void anAssertionPresentedAfterTheChallengeExpiredIs60323AndChangesNothing() throws InterruptedException {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        NewChallenge byIdentity = passkeys.challengeFor(service.getSid(), identity);
        NewChallenge discoverable = passkeys.discoverableChallenge(service.getSid());
        // Signed in time, presented late: a delayed or captured assertion.
        PasskeyAssertion late = enrolment.sign(byIdentity);
        PasskeyAssertion lateDiscoverable = enrolment.sign(discoverable);
        Factor factorBefore = Factor.fetcher(service.getSid(), identity, enrolment.factorSid()).fetch(client);
        PasskeysRefusalsIT.State before = PasskeysRefusalsIT.State.of(client, service.getSid(), identity);

        ZonedDateTime expires = byIdentity.getExpirationDate();
        assertThat(expires).as("expiration_date").isNotNull()
                .isBefore(ZonedDateTime.now().plus(MAX_LIFETIME)).isAfter(ZonedDateTime.now());
        assertThat(discoverable.getExpirationDate()).isNotNull().isBefore(ZonedDateTime.now().plus(MAX_LIFETIME));
        ZonedDateTime last = discoverable.getExpirationDate().isAfter(expires) ? discoverable.getExpirationDate() : expires;
        Instant until = last.toInstant().plusSeconds(2);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(Math.min(5_000, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
        }

        expectError(403, 60323, () -> passkeys.approve(service.getSid(), late));
        expectError(403, 60323, () -> passkeys.approve(service.getSid(), lateDiscoverable));

        assertThat(PasskeysRefusalsIT.State.of(client, service.getSid(), identity)).isEqualTo(before);
        Factor factorAfter = Factor.fetcher(service.getSid(), identity, enrolment.factorSid()).fetch(client);
        assertThat(factorAfter.getStatus()).isEqualTo(Factor.FactorStatuses.VERIFIED);
        assertThat(factorAfter.getDateUpdated()).isEqualTo(factorBefore.getDateUpdated());
        // The passkey itself still works with a fresh challenge.
        NewChallenge fresh = passkeys.challengeFor(service.getSid(), identity);
        assertThat(passkeys.approve(service.getSid(), enrolment.sign(fresh)).getIdentity()).isEqualTo(identity);
    }
}
