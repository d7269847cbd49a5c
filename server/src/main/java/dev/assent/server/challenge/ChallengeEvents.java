package dev.assent.server.challenge;

import java.time.Instant;

/**
 * Receives challenge events ({@code challenge.approved}, {@code challenge.denied},
 * {@code challenge.expired}) inside the transaction that made the change, so an event is recorded
 * if and only if the change commits.
 */
@FunctionalInterface
public interface ChallengeEvents {

    String APPROVED = "challenge.approved";
    String DENIED = "challenge.denied";
    /** Not a Twilio event: emitted once per challenge by {@link ChallengeExpirySweep}. */
    String EXPIRED = "challenge.expired";

    void emit(String type, Challenge challenge, Instant now);
}
