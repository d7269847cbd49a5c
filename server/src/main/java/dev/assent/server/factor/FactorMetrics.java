package dev.assent.server.factor;

/**
 * Told of each verification attempt on an unverified factor, for the operator's counters, after its
 * outcome is decided. Implemented outside the feature (the server's metrics).
 * Never given a SID or anything else that names a tenant or user.
 */
@FunctionalInterface
public interface FactorMetrics {

    /** How a verification attempt ended. */
    enum Result {
        /** The proof was right: the factor is verified. */
        VERIFIED,
        /** A wrong TOTP code or signature: the factor stays unverified with one attempt fewer. */
        WRONG_PROOF,
        /** Refused: no verification attempts are left. */
        LIMIT_HIT
    }

    void verification(FactorType factorType, Result result);
}
