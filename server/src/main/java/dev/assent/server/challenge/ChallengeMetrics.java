package dev.assent.server.challenge;

import dev.assent.server.factor.FactorType;

/**
 * Told what happened to challenges, for the operator's counters: each creation, and each outcome
 * that was decided (after the write that decided it committed; a refusal when it was refused).
 * Implemented outside the feature (the server's metrics). Never given a
 * SID or anything else that names a tenant or user.
 */
public interface ChallengeMetrics {

    /** How a challenge, or an answer to one, ended. */
    enum Outcome {
        /** Approved, by a right TOTP code or the device's signed approval. */
        APPROVED,
        /** Denied by the device's signed answer. */
        DENIED,
        /** Passed its expiration while pending (counted once, by the expiry sweep). */
        EXPIRED,
        /** A wrong TOTP code: the challenge stays pending with one attempt fewer. */
        WRONG_CODE,
        /** Refused by a limit: the factor's creation quota, its TOTP lockout, or the challenge's attempts. */
        LIMIT_HIT
    }

    void created(FactorType factorType);

    void outcome(FactorType factorType, Outcome outcome);
}
