package dev.assent.server.challenge;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.RateLimit;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.factor.PushBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link ChallengeLimits} when a challenge is created. It runs inside the creating
 * transaction and first locks the factor's row, so that of concurrent creations on one factor
 * each counts what the ones before it inserted: counting and inserting are one atomic step, on
 * every node sharing the database.
 */
final class ChallengeQuota {

    private static final Logger log = LoggerFactory.getLogger(ChallengeQuota.class);

    private final ChallengeLimits limits;
    private final ChallengeStore store;
    private final FactorStore factorStore;

    ChallengeQuota(ChallengeLimits limits, ChallengeStore store, FactorStore factorStore) {
        this.limits = limits;
        this.store = store;
        this.factorStore = factorStore;
    }

    /**
     * Admits one more challenge on {@code factor} at {@code now}, or throws 60312 (creation limit)
     * or 429 (pending push cap, unless {@code replaceOldestPending}, which expires the oldest
     * pending challenges instead so that the new one fits). Call it inside the transaction that
     * inserts the challenge.
     */
    void admit(Factor factor, boolean replaceOldestPending, Instant now) {
        List<RateLimit> rates = limits.creationLimitsFor(factor);
        OptionalInt pendingCap = factor.binding() instanceof PushBinding ? limits.pendingPush() : OptionalInt.empty();
        if (rates.isEmpty() && pendingCap.isEmpty()) {
            return;
        }
        factorStore.lock(factor.sid());
        // Everything the limits judge, in one read under the lock: each window's n-th newest creation and,
        // unless the oldest pending make room instead, the pending cap's deadline.
        boolean capJudged = pendingCap.isPresent() && !replaceOldestPending;
        ChallengeStore.QuotaReading reading = store.readQuota(factor.sid(),
                rates.stream().map(rate -> new ChallengeStore.QuotaWindow(rate.windowStart(now), rate.count())).toList(),
                capJudged ? pendingCap : OptionalInt.empty(), now);
        Optional<RateLimit.Refusal> refusal = RateLimit.check(rates, rate -> reading.nthNewest().get(rates.indexOf(rate)), now);
        if (refusal.isPresent()) {
            RateLimit rate = refusal.get().limit();
            log.info("challenge creation limit {} reached for factor {}", rate, factor.sid());
            throw new ApiException(ApiError.CHALLENGE_CREATION_LIMIT, "Challenge creation limit reached for factor "
                    + factor.sid() + " (at most " + rate.count() + " per " + RateLimit.describe(rate.window()) + ")",
                    Optional.of(refusal.get().retryAfter()));
        }
        if (pendingCap.isPresent()) {
            int cap = pendingCap.getAsInt();
            if (replaceOldestPending) {
                int expired = store.expirePendingBeyondNewest(factor.sid(), cap - 1, now);
                if (expired > 0) {
                    log.info("expired {} oldest pending challenge(s) of factor {} to stay within {} pending", expired, factor.sid(), cap);
                }
                return;
            }
            // Once the cap-th latest deadline passes, fewer than cap challenges are pending.
            Optional<Instant> freed = reading.nthLatestPendingDeadline();
            if (freed.isPresent()) {
                log.info("pending push challenge cap {} reached for factor {}", cap, factor.sid());
                throw new ApiException(ApiError.TOO_MANY_PENDING_CHALLENGES, "Factor " + factor.sid() + " already has " + cap
                        + " pending challenges; answer or let one expire first", Optional.of(Duration.between(now, freed.get())));
            }
        }
    }
}
