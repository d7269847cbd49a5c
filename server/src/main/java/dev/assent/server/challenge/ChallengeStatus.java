package dev.assent.server.challenge;

/**
 * A challenge's status. {@code PENDING} moves once to {@code APPROVED}, {@code DENIED} or
 * {@code EXPIRED}; those three are terminal.
 */
public enum ChallengeStatus {
    PENDING, EXPIRED, APPROVED, DENIED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
