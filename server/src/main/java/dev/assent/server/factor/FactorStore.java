package dev.assent.server.factor;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.Optional;
import java.time.Instant;

/** Persistence of factors. Every state change is conditional on the state it expects. */
public interface FactorStore {

    void insert(Factor factor);

    Optional<Factor> find(Sid entitySid, Sid factorSid);

    /** The push factor whose credential SID a device JWT names as {@code kid}. */
    Optional<Factor> findByCredentialSid(String credentialSid);

    Page<Factor> list(Sid entitySid, PageRequest page);

    int count(Sid entitySid, FactorType type);

    boolean publicKeyExists(Sid entitySid, String publicKey);

    /** Writes the mutable fields (name, binding configuration, date updated); returns whether it existed. */
    boolean update(Factor factor);

    /** Sets {@code verified} if the factor is still unverified; returns whether this call changed it. */
    boolean markVerified(Sid factorSid, Instant now);

    /** Counts one failed verification attempt; returns the new count. */
    int recordFailedAttempt(Sid factorSid);

    /**
     * Records that a TOTP code of this time-step counter was accepted, if it is newer than the last
     * accepted one; returns false if it is not (a replay, possibly a concurrent one).
     */
    boolean advanceTotpCounter(Sid factorSid, long counter);

    boolean delete(Sid entitySid, Sid factorSid);
}
