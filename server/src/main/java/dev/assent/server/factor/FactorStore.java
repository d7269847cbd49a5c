package dev.assent.server.factor;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.Optional;
import java.util.OptionalInt;
import java.time.Instant;

/** Persistence of factors. Every state change is conditional on the state it expects. */
public interface FactorStore {

    void insert(Factor factor);

    Optional<Factor> find(Sid entitySid, Sid factorSid);

    /**
     * The push factor whose credential SID a device JWT names as {@code kid}, with its entity, service
     * and whether its account is active: one read.
     */
    Optional<DeviceFactor> findDevice(String credentialSid);

    Page<Factor> list(Sid entitySid, PageRequest page);

    int count(Sid entitySid, FactorType type);

    boolean publicKeyExists(Sid entitySid, String publicKey);

    /** Writes the mutable fields (name, binding configuration, date updated); returns whether it existed. */
    boolean update(Factor factor);

    /**
     * Sets {@code verified} if the factor is still unverified, giving back the attempt the proof took;
     * returns whether this call changed it.
     */
    boolean markVerified(Sid factorSid, Instant now);

    /**
     * Takes one verification attempt, before the proof is judged, if the factor is unverified and has
     * fewer than {@code maxAttempts}; returns the count this call's write left, or empty if refused.
     */
    OptionalInt takeVerificationAttempt(Sid factorSid, int maxAttempts);

    /**
     * Counts one TOTP code against the factor, before it is judged, unless the factor is locked out
     * at {@code now}; returns the record as this call's write left it, or empty if locked out.
     */
    Optional<TotpGuesses> countTotpGuess(Sid factorSid, Instant now);

    /** The factor's TOTP guess record as stored (for the {@code Retry-After} of a refusal). */
    TotpGuesses totpGuesses(Sid factorSid);

    /** Locks TOTP answers out until {@code until}: counts one more lockout and restarts the failure count. */
    void lockOutTotp(Sid factorSid, Instant until);

    /** A right code: forgets the failures and lockouts. */
    void clearTotpGuesses(Sid factorSid);

    /**
     * Records that a TOTP code of this time-step counter was accepted, if it is newer than the last
     * accepted one; returns false if it is not (a replay, possibly a concurrent one).
     */
    boolean advanceTotpCounter(Sid factorSid, long counter);

    boolean delete(Sid entitySid, Sid factorSid);

    /**
     * Takes the factor's row lock until the end of the transaction, so that what a creation counts
     * for this factor does not change before it commits (PostgreSQL; SQLite serialises writers).
     */
    void lock(Sid factorSid);

    /**
     * Records that a factor was created for its service and identity, in a ledger that outlives
     * the factor and its entity (a deleted factor still counts towards the creation limit), and
     * forgets that identity's creations at or before {@code forgetUpTo}.
     */
    void recordCreation(Factor factor, Instant forgetUpTo);

    /**
     * The creation time of the {@code n}-th newest factor created for the identity after
     * {@code after}, if there are at least {@code n}; see {@link #recordCreation}.
     */
    Optional<Instant> nthNewestCreationAfter(Sid serviceSid, String identity, Instant after, int n);
}
