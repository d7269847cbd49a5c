package dev.assent.server.passkey;

import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of passkeys ceremonies: the registrations open on passkeys factors (kept with the
 * factor) and the login challenges. Every state change is a conditional write on the state it expects.
 */
public interface PasskeyStore {

    /** A factor, by its entity and SID. */
    record FactorRef(Sid entitySid, Sid factorSid) {
    }

    /** The unverified passkeys factor of the service whose open registration has this challenge. */
    Optional<FactorRef> findRegistration(Sid serviceSid, String challenge);

    /** The passkeys factor of the service that holds this credential id (base64url). */
    Optional<FactorRef> findByCredentialId(Sid serviceSid, String credentialId);

    /** The credential ids (base64url) and transports of the entity's verified passkeys, oldest first. */
    List<AllowedCredential> credentials(Sid entitySid);

    /**
     * Completes a registration: stores the credential and verifies the factor, if it is still unverified
     * with this open registration challenge; returns whether this call did.
     */
    boolean completeRegistration(Sid factorSid, String challenge, PasskeyBinding.Credential credential, Instant now);

    /**
     * Moves the credential's signature counter from {@code expected} to {@code next}, if it still is
     * {@code expected}; returns whether this call did (false: a concurrent assertion moved it).
     */
    boolean advanceSignCount(Sid factorSid, long expected, long next, Instant now);

    void insertChallenge(PasskeyChallenge challenge);

    /** The service's login challenge with this WebAuthn challenge value. */
    Optional<PasskeyChallenge> findChallenge(Sid serviceSid, String challenge);

    /**
     * Approves a login challenge for the factor that answered it, if it is still pending and not due at
     * {@code now}; returns whether this call did (false: it was approved by another request, or expired).
     */
    boolean approve(Sid challengeSid, Sid entitySid, String identity, Sid factorSid, Instant now);

    /**
     * The creation time of the {@code n}-th newest login challenge for the identity (empty: the
     * discoverable ones of the service) created after {@code after}, if there are at least {@code n}.
     */
    Optional<Instant> nthNewestChallengeAfter(Sid serviceSid, Optional<String> identity, Instant after, int n);

    /** A credential a login may use: its factor, its id (base64url) and the transports its registration reported. */
    record AllowedCredential(Sid factorSid, String id, List<String> transports) {
        public AllowedCredential {
            transports = List.copyOf(transports);
        }
    }
}
