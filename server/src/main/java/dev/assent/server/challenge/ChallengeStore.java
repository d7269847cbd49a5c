package dev.assent.server.challenge;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Persistence of challenges. Every transition is a conditional write on the state it expects. */
public interface ChallengeStore {

    void insert(Challenge challenge);

    Optional<Challenge> find(Sid entitySid, Sid challengeSid);

    /** Lists by creation order; {@code status} filters on the status as read at {@code now}. */
    Page<Challenge> list(Sid entitySid, Optional<Sid> factorSid, Optional<ChallengeStatus> status, PageRequest page, Instant now);

    /**
     * Writes {@code next}, a state {@link ChallengeStateMachine#next} decided on {@code stored}, if the row
     * still has {@code stored}'s status and attempt count; returns whether this call made the change.
     * False means a concurrent request changed the challenge first: decide again on a fresh read.
     */
    boolean apply(Challenge stored, Challenge next);

    /** Pending challenges past their deadline at {@code now} whose {@code challenge.expired} was not emitted yet. */
    List<Challenge> expiredWithoutEvent(Instant now, int limit);

    /**
     * Marks a pending, due challenge's expiry event as emitted, unless already marked; returns whether this call did.
     * The row is then stored as it has read since its deadline ({@link Challenge#at}): expired, updated at the deadline.
     */
    boolean markExpiryEmitted(Sid challengeSid, Instant now);

    /**
     * What a factor's creation limits judge, read in one statement. For each of {@code windows}: the
     * creation time of the {@code n}-th newest challenge of the factor created after {@code after}, if it
     * has at least {@code n} such challenges (then a limit of {@code n} in that window is reached, and frees
     * up when this one ages out). With {@code pendingCap} {@code n}: the deadline of the {@code n}-th
     * latest-expiring challenge of the factor pending at {@code now}, if it has at least {@code n} pending
     * (once it passes, fewer than {@code n} are).
     */
    QuotaReading readQuota(Sid factorSid, List<QuotaWindow> windows, OptionalInt pendingCap, Instant now);

    /** One creation window: challenges created after {@code after}, at most {@code n}. */
    record QuotaWindow(Instant after, int n) {
        public QuotaWindow {
            if (n < 1) {
                throw new IllegalArgumentException("a window admits at least one challenge");
            }
        }
    }

    /** {@link #readQuota}'s answer: one entry per window, in order, and the pending cap's deadline. */
    record QuotaReading(List<Optional<Instant>> nthNewest, Optional<Instant> nthLatestPendingDeadline) {
        public QuotaReading {
            nthNewest = List.copyOf(nthNewest);
        }
    }

    /**
     * Expires, at {@code now}, every challenge of the factor pending at {@code now} except the
     * {@code keep} newest, by moving its deadline to {@code now}; returns how many it expired.
     */
    int expirePendingBeyondNewest(Sid factorSid, int keep, Instant now);
}
