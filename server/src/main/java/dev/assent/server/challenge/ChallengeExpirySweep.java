package dev.assent.server.challenge;

import dev.assent.server.api.Transactions;
import java.time.Instant;
import java.util.List;

/**
 * Emits {@code challenge.expired} once for each pending challenge past its deadline. Expiry itself
 * needs no write ({@link Challenge#at} reads a due pending challenge as expired); only the event
 * does (the mark also stores the status as read, so that lists filtering on it stay short). Each challenge is marked with a conditional update in the transaction that records its
 * event, so concurrent sweeps (several nodes) emit it once, and a challenge answered just before its
 * deadline never gets one.
 */
public final class ChallengeExpirySweep {

    public static final int BATCH = 100;

    private final ChallengeStore store;
    private final ChallengeEvents events;
    private final Transactions transactions;
    private final ChallengeMetrics metrics;

    /** With {@code metrics} told of each expiry once its event committed. */
    public ChallengeExpirySweep(ChallengeStore store, ChallengeEvents events, Transactions transactions, ChallengeMetrics metrics) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** Emits the events of up to {@link #BATCH} newly expired challenges; returns how many it emitted. */
    public int sweep(Instant now) {
        List<Challenge> due = store.expiredWithoutEvent(now, BATCH);
        int emitted = 0;
        for (Challenge challenge : due) {
            boolean marked = transactions.inTransaction(() -> {
                if (!store.markExpiryEmitted(challenge.sid(), now)) {
                    return false;
                }
                events.emit(ChallengeEvents.EXPIRED, challenge.at(now), now);
                return true;
            });
            if (marked) {
                emitted++;
                metrics.outcome(challenge.factorType(), ChallengeMetrics.Outcome.EXPIRED);
            }
        }
        return emitted;
    }
}
