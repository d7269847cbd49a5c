package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.ApproveChallenge;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.NewFactor;
import com.twilio.rest.verify.v2.service.NewVerifyFactor;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyAttestation;
import dev.assent.device.passkey.PasskeyRegistration;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passkey ceremonies an attacker would try, sent through twilio-java 13.0.1's passkeys classes as a
 * backend would relay them: each is refused with its Twilio code, and the factors and challenges of the
 * entity are exactly as they were before (read back through the ordinary Factor and Challenge classes).
 * The bad ceremonies are real WebAuthn output of {@code device/}'s software authenticator with one thing
 * changed ({@link CeremonySettings}): the origin, the RP id hash, the challenge, the user handle, the
 * credential, the signature, the flags or the counter.
 */
@ExtendWith(ConformanceExtension.class)
class PasskeysRefusalsIT {

    private static final String EVIL_ORIGIN = "https://login.assent-phish.test";
    private static final String EVIL_RP_ID = "assent-phish.test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Conformance conformance;
    private final TwilioRestClient client;
    private final PasskeyBackend passkeys;

    PasskeysRefusalsIT(Conformance conformance) {
        this.conformance = conformance;
        this.client = conformance.twilio();
        this.passkeys = new PasskeyBackend(client);
    }

    /** {@link ApiErrors#expectError} plus Twilio's {@code more_info} page for the code. */
    private static ApiException refused(int status, int code, ThrowingCallable call) {
        ApiException error = expectError(status, code, call);
        assertThat(error.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        return error;
    }

    // ---- Service settings -------------------------------------------------------------------------

    @Test
    void aRelyingPartyIdThatIsNotADomainIs60372AndNoServiceIsCreated() {
        String name = Backend.friendlyName("Bad RP id");
        refused(400, 60372, () -> Service.creator(name)
                .setPasskeysRelyingPartyId("https://" + PasskeyBackend.RP_ID)
                .setPasskeysRelyingPartyName(PasskeyBackend.RP_NAME)
                .setPasskeysRelyingPartyOrigins(PasskeyBackend.ORIGIN)
                .create(client));
        assertThat(serviceNames()).doesNotContain(name);
    }

    @Test
    void anOriginThatIsNotAnExactHttpsOriginIs60371AndTheServiceIsUnchanged() {
        String name = Backend.friendlyName("Bad origin");
        refused(400, 60371, () -> Service.creator(name)
                .setPasskeysRelyingPartyId(PasskeyBackend.RP_ID)
                .setPasskeysRelyingPartyName(PasskeyBackend.RP_NAME)
                .setPasskeysRelyingPartyOrigins("http://" + PasskeyBackend.RP_ID)
                .create(client));
        assertThat(serviceNames()).doesNotContain(name);

        Service service = passkeys.newService();
        Object before = Service.fetcher(service.getSid()).fetch(client).getPasskeys();
        refused(400, 60371, () -> Service.updater(service.getSid())
                .setPasskeysRelyingPartyOrigins(PasskeyBackend.ORIGIN + "/login").update(client));
        assertThat(Service.fetcher(service.getSid()).fetch(client).getPasskeys()).isEqualTo(before);
    }

    // ---- Registration -----------------------------------------------------------------------------

    @Test
    void aRegistrationFromAnotherOriginIs60371AndTheFactorStaysUnverified() {
        Pending pending = pendingRegistration();
        PasskeyRegistration phished = pending.register(CeremonySettings.DEFAULT.withOrigin(EVIL_ORIGIN));

        refused(400, 60371, () -> passkeys.verify(pending.serviceSid, phished));

        pending.assertUnchanged();
    }

    @Test
    void aRegistrationForAnotherRpIdIs60372AndTheFactorStaysUnverified() {
        Pending pending = pendingRegistration();
        PasskeyRegistration elsewhere = pending.register(CeremonySettings.DEFAULT.withRpId(EVIL_RP_ID));

        refused(400, 60372, () -> passkeys.verify(pending.serviceSid, elsewhere));

        pending.assertUnchanged();
    }

    @Test
    void aRegistrationForAChallengeNeverIssuedIs60391() {
        Pending pending = pendingRegistration();
        PasskeyRegistration forged = pending.register(CeremonySettings.DEFAULT.withChallenge(randomBytes(32)));

        refused(404, 60391, () -> passkeys.verify(pending.serviceSid, forged));

        pending.assertUnchanged();
    }

    @Test
    void aPackedAttestationWithATamperedSignatureIs60387() {
        Pending pending = pendingRegistration();
        PasskeyRegistration tampered = pending.register(
                CeremonySettings.DEFAULT.withAttestation(PasskeyAttestation.PACKED).withTamperedSignature());

        refused(400, 60387, () -> passkeys.verify(pending.serviceSid, tampered));

        pending.assertUnchanged();
    }

    @Test
    void anAttestationObjectThatIsNotCborIs60387() {
        Pending pending = pendingRegistration();
        ObjectNode registration = pending.register(CeremonySettings.DEFAULT).json().deepCopy();
        ((ObjectNode) registration.path("response")).put("attestationObject",
                PasskeyBackend.base64Url("not an attestation object".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        refused(400, 60387, () -> NewVerifyFactor.updater(pending.serviceSid, PasskeyBackend.verifyRequest(registration)).update(client));

        pending.assertUnchanged();
    }

    @Test
    void aRegistrationReplayedAfterItSucceededIs60391AndChangesNothing() {
        Pending pending = pendingRegistration();
        PasskeyRegistration registration = pending.register(CeremonySettings.DEFAULT);
        passkeys.verify(pending.serviceSid, registration);
        State verified = State.of(client, pending.serviceSid, pending.identity);

        refused(404, 60391, () -> passkeys.verify(pending.serviceSid, registration));

        assertThat(State.of(client, pending.serviceSid, pending.identity)).isEqualTo(verified);
    }

    // ---- Login ------------------------------------------------------------------------------------

    @Test
    void anAssertionFromAnotherOriginIs60371AndTheChallengeStaysPending() {
        Login login = login();
        PasskeyAssertion phished = login.sign(CeremonySettings.DEFAULT.withOrigin(EVIL_ORIGIN));

        refused(400, 60371, () -> passkeys.approve(login.serviceSid(), phished));

        login.assertUnchanged();
    }

    @Test
    void anAssertionForAnotherRpIdIs60372AndTheChallengeStaysPending() {
        Login login = login();
        PasskeyAssertion elsewhere = login.sign(CeremonySettings.DEFAULT.withRpId(EVIL_RP_ID));

        refused(400, 60372, () -> passkeys.approve(login.serviceSid(), elsewhere));

        login.assertUnchanged();
    }

    @Test
    void aTamperedSignatureIs60381AndTheChallengeStaysPending() {
        Login login = login();
        PasskeyAssertion tampered = login.sign(CeremonySettings.DEFAULT.withTamperedSignature());

        refused(400, 60381, () -> passkeys.approve(login.serviceSid(), tampered));

        login.assertUnchanged();
    }

    @Test
    void anAssertionForAChallengeNeverIssuedIs60391() {
        Login login = login();
        PasskeyAssertion forged = login.sign(CeremonySettings.DEFAULT.withChallenge(randomBytes(32)));

        refused(404, 60391, () -> passkeys.approve(login.serviceSid(), forged));

        login.assertUnchanged();
    }

    @Test
    void aReplayedAssertionIs60322AndTheApprovalIsUnchanged() {
        Login login = login();
        PasskeyAssertion assertion = login.sign(CeremonySettings.DEFAULT);
        assertThat(passkeys.approve(login.serviceSid(), assertion).getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
        State approved = State.of(client, login.serviceSid(), login.identity());

        refused(403, 60322, () -> passkeys.approve(login.serviceSid(), assertion));

        assertThat(State.of(client, login.serviceSid(), login.identity())).isEqualTo(approved);
        assertThat(approved.challenges()).containsExactly(login.challenge().getSid() + " approved");
    }

    @Test
    void anotherEntitysUserHandleIs60376AndNothingIsApproved() {
        Service service = passkeys.newService();
        SoftwareAuthenticator shared = SoftwareAuthenticator.create();
        PasskeyBackend.Enrolment alice = passkeys.enrol(service.getSid(), Backend.newIdentity(), shared);
        PasskeyBackend.Enrolment bob = passkeys.enrol(service.getSid(), Backend.newIdentity(), SoftwareAuthenticator.create());
        NewChallenge challenge = passkeys.discoverableChallenge(service.getSid());
        State aliceBefore = State.of(client, service.getSid(), alice.identity());
        State bobBefore = State.of(client, service.getSid(), bob.identity());

        // Alice's credential and signature, but the user handle says Bob.
        PasskeyAssertion confused = alice.sign(challenge, CeremonySettings.DEFAULT.withUserHandle(bob.credential().userHandle()));
        refused(400, 60376, () -> passkeys.approve(service.getSid(), confused));

        assertThat(State.of(client, service.getSid(), alice.identity())).isEqualTo(aliceBefore);
        assertThat(State.of(client, service.getSid(), bob.identity())).isEqualTo(bobBefore);
        // The discoverable challenge is still open: Alice's own assertion approves it, as Alice.
        ApproveChallenge approved = passkeys.approve(service.getSid(), alice.sign(challenge));
        assertThat(approved.getIdentity()).isEqualTo(alice.identity());
    }

    @Test
    void anotherEntitysCredentialIs60376ForALoginByIdentity() {
        Service service = passkeys.newService();
        SoftwareAuthenticator shared = SoftwareAuthenticator.create();
        PasskeyBackend.Enrolment alice = passkeys.enrol(service.getSid(), Backend.newIdentity(), shared);
        PasskeyBackend.Enrolment bob = passkeys.enrol(service.getSid(), Backend.newIdentity(), shared);
        NewChallenge forAlice = passkeys.challengeFor(service.getSid(), alice.identity());
        State aliceBefore = State.of(client, service.getSid(), alice.identity());
        State bobBefore = State.of(client, service.getSid(), bob.identity());

        PasskeyAssertion bobs = bob.sign(forAlice, CeremonySettings.DEFAULT.withCredentialId(bob.credential().credentialId()));
        refused(400, 60376, () -> passkeys.approve(service.getSid(), bobs));

        assertThat(State.of(client, service.getSid(), alice.identity())).isEqualTo(aliceBefore);
        assertThat(State.of(client, service.getSid(), bob.identity())).isEqualTo(bobBefore);
    }

    @Test
    void anotherFactorsCredentialIs60376ForALoginByFactorSid() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        // Two authenticators: the second registration's excludeCredentials names the first credential.
        PasskeyBackend.Enrolment first = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        PasskeyBackend.Enrolment second = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        NewChallenge forSecond = passkeys.challengeFor(service.getSid(), identity, second.factorSid());
        State before = State.of(client, service.getSid(), identity);

        PasskeyAssertion firsts = first.sign(forSecond, CeremonySettings.DEFAULT.withCredentialId(first.credential().credentialId()));
        refused(400, 60376, () -> passkeys.approve(service.getSid(), firsts));

        assertThat(State.of(client, service.getSid(), identity)).isEqualTo(before);
    }

    @Test
    void anotherTenantsCredentialIs60376AndTheTenantsStayApart() {
        AssentServer.Account second = conformance.secondAccount().orElse(null);
        Assumptions.assumeTrue(second != null, "a second account is needed for the cross-tenant case");
        TwilioRestClient otherClient = conformance.twilio(second.sid(), second.authToken());
        PasskeyBackend other = new PasskeyBackend(otherClient);
        SoftwareAuthenticator shared = SoftwareAuthenticator.create();

        // The same relying party in both tenants, the same identity, the same authenticator.
        String identity = Backend.newIdentity();
        Service mine = passkeys.newService();
        Service theirs = other.newService();
        PasskeyBackend.Enrolment mineEnrolled = passkeys.enrol(mine.getSid(), identity, shared);
        PasskeyBackend.Enrolment theirsEnrolled = other.enrol(theirs.getSid(), identity, shared);
        State mineBefore = State.of(client, mine.getSid(), identity);
        State theirsBefore = State.of(otherClient, theirs.getSid(), identity);

        NewChallenge byIdentity = passkeys.challengeFor(mine.getSid(), identity);
        PasskeyAssertion foreign = theirsEnrolled.sign(byIdentity,
                CeremonySettings.DEFAULT.withCredentialId(theirsEnrolled.credential().credentialId()));
        refused(400, 60376, () -> passkeys.approve(mine.getSid(), foreign));

        NewChallenge discoverable = passkeys.discoverableChallenge(mine.getSid());
        PasskeyAssertion foreignDiscoverable = theirsEnrolled.sign(discoverable,
                CeremonySettings.DEFAULT.withCredentialId(theirsEnrolled.credential().credentialId()));
        refused(400, 60376, () -> passkeys.approve(mine.getSid(), foreignDiscoverable));

        // Their backend cannot approve, create or read anything in my service either.
        PasskeyAssertion honest = mineEnrolled.sign(byIdentity);
        expectError(404, 20404, () -> other.approve(mine.getSid(), honest));
        expectError(404, 20404, () -> other.discoverableChallenge(mine.getSid()));
        expectError(404, 20404, () -> other.createFactor(mine.getSid(), Backend.newIdentity()));
        expectError(404, 20404, () -> Factor.fetcher(mine.getSid(), identity, mineEnrolled.factorSid()).fetch(otherClient));

        assertThat(State.of(client, mine.getSid(), identity)).isEqualTo(mineBefore);
        assertThat(State.of(otherClient, theirs.getSid(), identity)).isEqualTo(theirsBefore);
        // Mine still works for me, after all that.
        assertThat(passkeys.approve(mine.getSid(), honest).getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
    }

    @Test
    void withoutUserVerificationWhereTheServiceRequiresItIs60379() {
        Service service = passkeys.newService();
        Service.updater(service.getSid()).setPasskeysUserVerification("required").update(client);
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity);
        assertThat(PasskeyBackend.options(challenge.getOptions()).path("publicKey").path("userVerification").asText())
                .isEqualTo("required");
        State before = State.of(client, service.getSid(), identity);

        PasskeyAssertion unverified = enrolment.sign(challenge, CeremonySettings.DEFAULT.withUserVerified(false));
        refused(400, 60379, () -> passkeys.approve(service.getSid(), unverified));

        assertThat(State.of(client, service.getSid(), identity)).isEqualTo(before);
    }

    @Test
    void aClonedAuthenticatorsStaleCounterIs60379() {
        Login login = login();
        assertThat(passkeys.approve(login.serviceSid(), login.sign(CeremonySettings.DEFAULT)).getStatus())
                .isEqualTo(ApproveChallenge.Status.APPROVED);
        NewChallenge next = passkeys.challengeFor(login.serviceSid(), login.identity());
        State before = State.of(client, login.serviceSid(), login.identity());

        // A copy of the key that signed nothing since registration: counter 0 after the server saw 1.
        PasskeyAssertion clone = login.enrolment().sign(next, CeremonySettings.DEFAULT.withSignCount(0));
        refused(400, 60379, () -> passkeys.approve(login.serviceSid(), clone));

        assertThat(State.of(client, login.serviceSid(), login.identity())).isEqualTo(before);
    }

    @Test
    void aMalformedRawIdIs60376AndTruncatedAuthenticatorDataIs60379() {
        Login login = login();
        ObjectNode assertion = login.sign(CeremonySettings.DEFAULT).json().deepCopy();

        ObjectNode badId = assertion.deepCopy();
        badId.put("id", "not*base64url");
        badId.put("rawId", "not*base64url");
        refused(400, 60376, () -> ApproveChallenge.updater(login.serviceSid(), PasskeyBackend.approveRequest(badId)).update(client));
        assertThat(State.of(client, login.serviceSid(), login.identity())).isEqualTo(login.before);

        ObjectNode truncated = assertion.deepCopy();
        byte[] data = Base64.getUrlDecoder().decode(truncated.path("response").path("authenticatorData").asText());
        ((ObjectNode) truncated.path("response")).put("authenticatorData",
                PasskeyBackend.base64Url(java.util.Arrays.copyOf(data, 20)));
        refused(400, 60379, () -> ApproveChallenge.updater(login.serviceSid(), PasskeyBackend.approveRequest(truncated)).update(client));
        login.assertUnchanged();
    }

    // ---- Scenario pieces --------------------------------------------------------------------------

    private List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        Service.reader().read(client).forEach(s -> names.add(s.getFriendlyName()));
        return names;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A NewFactor whose registration has not been completed, and the state around it. */
    private Pending pendingRegistration() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        NewFactor created = passkeys.createFactor(service.getSid(), identity);
        return new Pending(service.getSid(), identity, created, SoftwareAuthenticator.create(),
                State.of(client, service.getSid(), identity));
    }

    private final class Pending {
        final String serviceSid;
        final String identity;
        final NewFactor created;
        final SoftwareAuthenticator authenticator;
        final State before;

        Pending(String serviceSid, String identity, NewFactor created, SoftwareAuthenticator authenticator, State before) {
            this.serviceSid = serviceSid;
            this.identity = identity;
            this.created = created;
            this.authenticator = authenticator;
            this.before = before;
            assertThat(before.factors()).containsExactly(created.getSid() + " passkeys unverified");
        }

        PasskeyRegistration register(CeremonySettings settings) {
            return authenticator.register(PasskeyBackend.options(created.getOptions()), PasskeyBackend.ORIGIN, settings);
        }

        /** The factor exactly as before, still unverified; then the genuine registration still completes it. */
        void assertUnchanged() {
            assertThat(State.of(client, serviceSid, identity)).isEqualTo(before);
            Factor factor = Factor.fetcher(serviceSid, identity, created.getSid()).fetch(client);
            assertThat(factor.getStatus()).isEqualTo(Factor.FactorStatuses.UNVERIFIED);
            NewVerifyFactor verified = passkeys.verify(serviceSid, register(CeremonySettings.DEFAULT));
            assertThat(verified.getSid()).isEqualTo(created.getSid());
            assertThat(verified.getStatus()).isEqualTo(NewVerifyFactor.Status.VERIFIED);
        }
    }

    private Login login() {
        Service service = passkeys.newService();
        String identity = Backend.newIdentity();
        PasskeyBackend.Enrolment enrolment = passkeys.enrol(service.getSid(), identity, SoftwareAuthenticator.create());
        NewChallenge challenge = passkeys.challengeFor(service.getSid(), identity);
        return new Login(enrolment, challenge, State.of(client, service.getSid(), identity));
    }

    /**
     * A verified passkey and a pending login for its identity. A pending passkeys challenge has no
     * fetch of its own in the SDK, so "still pending" is shown the way an attacker would care about:
     * after the refusal, the genuine assertion for the same challenge is still approved.
     */
    private final class Login {
        private final PasskeyBackend.Enrolment enrolment;
        private final NewChallenge challenge;
        private final State before;

        Login(PasskeyBackend.Enrolment enrolment, NewChallenge challenge, State before) {
            this.enrolment = enrolment;
            this.challenge = challenge;
            this.before = before;
        }

        PasskeyBackend.Enrolment enrolment() {
            return enrolment;
        }

        NewChallenge challenge() {
            return challenge;
        }

        String serviceSid() {
            return enrolment.serviceSid();
        }

        String identity() {
            return enrolment.identity();
        }

        PasskeyAssertion sign(CeremonySettings settings) {
            return enrolment.sign(challenge, settings);
        }

        /** Factors and challenges exactly as before; then the genuine assertion still approves the challenge. */
        void assertUnchanged() {
            assertThat(State.of(client, serviceSid(), identity())).isEqualTo(before);
            ApproveChallenge approved = passkeys.approve(serviceSid(), sign(CeremonySettings.DEFAULT));
            assertThat(approved.getSid()).isEqualTo(challenge.getSid());
            assertThat(approved.getStatus()).isEqualTo(ApproveChallenge.Status.APPROVED);
            assertThat(approved.getIdentity()).isEqualTo(identity());
        }
    }

    /**
     * What the ordinary classes show of an entity, in list order: each factor's SID, type, status and
     * {@code date_updated}, each challenge's SID, status, {@code date_updated} and {@code date_responded}.
     * {@link #factors()} and {@link #challenges()} give the SIDs with their statuses only.
     */
    record State(List<String> factorRows, List<String> challengeRows) {
        static State of(TwilioRestClient client, String serviceSid, String identity) {
            List<String> factors = new ArrayList<>();
            Factor.reader(serviceSid, identity).read(client).forEach(f ->
                    factors.add(f.getSid() + " " + f.getFactorType() + " " + f.getStatus() + " " + f.getDateUpdated()));
            List<String> challenges = new ArrayList<>();
            Challenge.reader(serviceSid, identity).read(client).forEach(c ->
                    challenges.add(c.getSid() + " " + c.getStatus() + " " + c.getDateUpdated() + " " + c.getDateResponded()));
            return new State(factors, challenges);
        }

        List<String> factors() {
            return factorRows.stream().map(row -> row.substring(0, row.lastIndexOf(' '))).toList();
        }

        List<String> challenges() {
            return challengeRows.stream().map(row -> String.join(" ", List.of(row.split(" ")).subList(0, 2))).toList();
        }
    }
}
