package dev.assent.server.webhook;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The outbox of webhook deliveries. Every change is conditional, so several nodes can share it. */
public interface DeliveryStore {

    /** Appends a pending delivery after the subject's previous ones to the same webhook. */
    void insert(Delivery delivery);

    /**
     * Pending deliveries due at {@code now}, not leased, and first in line for their subject and
     * webhook, of no account in {@code excludedAccounts}; at most {@code limit}, oldest first.
     * Candidates only: {@link #lease} decides.
     */
    List<Delivery> due(Instant now, Set<String> excludedAccounts, int limit);

    /**
     * Takes the lease on a due delivery until {@code until}, unless another node holds it, and counts
     * the attempt it is taken for; returns whether it did.
     */
    boolean lease(Sid id, Instant now, Instant until);

    /** Marks a pending delivery delivered (its attempt was counted by {@link #lease}). */
    boolean delivered(Sid id, Instant now);

    /**
     * Records a failed attempt (counted by {@link #lease}): pending again at {@code nextAttempt}, or
     * {@code FAILED} when {@code giveUp}.
     */
    boolean failed(Sid id, String error, Instant nextAttempt, boolean giveUp, Instant now);

    /**
     * Puts a leased delivery back, unattempted, until {@code nextAttempt}: the lease is released and
     * the attempt it counted is taken back (its receiver's circuit breaker is open).
     */
    boolean deferred(Sid id, Instant nextAttempt, Instant now);

    Optional<Delivery> find(Sid id);

    /** A webhook's deliveries, oldest first. */
    Page<Delivery> list(Sid webhookSid, PageRequest page);
}
