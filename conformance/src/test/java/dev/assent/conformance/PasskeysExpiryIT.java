package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.NewFactor;
import com.twilio.rest.verify.v2.service.entity.Factor;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyRegistration;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expired passkeys ceremonies, from outside: a login challenge past its {@code expiration_date} and a
 * registration past its WebAuthn {@code timeout}, each refused with 60323 and nothing changed.
 *
 * <p>The server's clock is its own, so each test waits the real lifetime. A run that starts its own
 * server gives this class one of its own with {@code ASSENT_PASSKEY_CHALLENGE_TTL=3s} and
 * {@code ASSENT_PASSKEY_REGISTRATION_TTL=5s} (and checks that the settings reach the wire); against an
 * external server ({@code ASSENT_BASE_URL}) the tests wait that server's lifetimes, bounded by
 * {@link #MAX_LIFETIME}. Kept in its own class so its cost shows in the reports.
 */
@ExtendWith(ConformanceExtension.class)
class PasskeysExpiryIT {

    private static final Duration LOGIN_TTL = Duration.ofSeconds(3);
    private static final Duration REGISTRATION_TTL = Duration.ofSeconds(5);
    /** The longest lifetime accepted from an external server; the wait never exceeds it. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    private static Optional<AssentServer> own;

    private final TwilioRestClient client;
    private final PasskeyBackend passkeys;

    @BeforeAll
    static void startOwnServer() {
        own = AssentServer.startOwn("passkeys-expiry", Map.of(
                "ASSENT_PASSKEY_CHALLENGE_TTL", LOGIN_TTL.toSeconds() + "s",
                "ASSENT_PASSKEY_REGISTRATION_TTL", REGISTRATION_TTL.toSeconds() + "s"));
    }

    @AfterAll
    static void stopOwnServer() {
        if (own != null) {
            own.ifPresent(AssentServer::close);
        }
    }

    PasskeysExpiryIT(Conformance conformance) {
        this.client = own.map(conformance::on).orElse(conformance).twilio();
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
        if (own.isPresent()) {
            for (NewChallenge challenge : new NewChallenge[] {byIdentity, discoverable}) {
                assertThat(Duration.between(challenge.getDateCreated(), challenge.getExpirationDate()))
                        .as("expiration_date - date_created with ASSENT_PASSKEY_CHALLENGE_TTL=3s").isEqualTo(LOGIN_TTL);
                assertThat(PasskeyBackend.options(challenge.getOptions()).path("publicKey").path("timeout").asLong())
                        .as("the WebAuthn timeout follows the lifetime").isEqualTo(LOGIN_TTL.toMillis());
            }
        }
        ZonedDateTime last = discoverable.getExpirationDate().isAfter(expires) ? discoverable.getExpirationDate() : expires;
        waitUntil(last.toInstant().plusSeconds(2));

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

    @Test
    void anAttestationPresentedAfterTheRegistrationExpiredIs60323AndLeavesTheFactorUnverified() throws InterruptedException {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.create();
        NewFactor created = passkeys.createFactor(service.getSid(), identity);
        Instant answered = Instant.now(); // the server opened the ceremony before this
        long timeout = PasskeyBackend.options(created.getOptions()).path("publicKey").path("timeout").asLong();
        assertThat(Duration.ofMillis(timeout)).as("the registration's WebAuthn timeout").isPositive().isLessThanOrEqualTo(MAX_LIFETIME);
        if (own.isPresent()) {
            assertThat(timeout).as("timeout with ASSENT_PASSKEY_REGISTRATION_TTL=5s").isEqualTo(REGISTRATION_TTL.toMillis());
        }
        // Made in time, presented late.
        PasskeyRegistration late = authenticator.register(PasskeyBackend.options(created.getOptions()), PasskeyBackend.ORIGIN);
        PasskeysRefusalsIT.State before = PasskeysRefusalsIT.State.of(client, service.getSid(), identity);
        waitUntil(answered.plusMillis(timeout).plusSeconds(1));

        expectError(403, 60323, () -> passkeys.verify(service.getSid(), late));

        assertThat(PasskeysRefusalsIT.State.of(client, service.getSid(), identity)).isEqualTo(before);
        Factor after = Factor.fetcher(service.getSid(), identity, created.getSid()).fetch(client);
        assertThat(after.getStatus()).isEqualTo(Factor.FactorStatuses.UNVERIFIED);
        // The same authenticator registers with a fresh ceremony.
        PasskeyBackend.Enrolment again = passkeys.enrol(service.getSid(), identity, authenticator);
        assertThat(again.factorSid()).isNotEqualTo(created.getSid());
    }

    private static void waitUntil(Instant until) throws InterruptedException {
        while (Instant.now().isBefore(until)) {
            Thread.sleep(Math.min(5_000, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
        }
    }
}
