package dev.assent.server.push;

import dev.assent.server.sid.Sid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Persistence of push jobs and of the unregistered mark on factors' notification tokens. */
public interface PushJobStore {

    void insert(PushJob job);

    /**
     * Pending jobs due at {@code now} whose lease is free or lapsed, of no account in
     * {@code excludedAccounts}; at most {@code limit}, oldest due first. Candidates only: {@link #lease}
     * decides.
     */
    List<PushJob> due(Instant now, Set<String> excludedAccounts, int limit);

    /**
     * Leases a due job to {@code owner} until {@code until} and counts an attempt, with one conditional
     * update, so two nodes never both hold a job; returns it as leased, or empty if another node has it.
     */
    Optional<PushJob> lease(String id, String owner, Instant now, Instant until);

    /** Claims up to {@code limit} due jobs: {@link #due} then {@link #lease} for each. */
    default List<PushJob> claimDue(String owner, Instant now, Duration lease, int limit) {
        return due(now, Set.of(), limit).stream()
                .flatMap(job -> lease(job.id(), owner, now, now.plus(lease)).stream())
                .toList();
    }

    /** Ends a job the caller still holds the lease on. */
    void finish(String id, String owner, PushJobStatus status, String detail, Instant now);

    /** Releases a held job for another attempt at {@code nextAttempt}. */
    void retryAt(String id, String owner, Instant nextAttempt, String detail, Instant now);

    /**
     * Releases a held job unattempted until {@code nextAttempt}, taking back the attempt its lease
     * counted (its credential's circuit breaker is open).
     */
    void defer(String id, String owner, Instant nextAttempt, Instant now);

    /** Whether a provider has reported this factor's current {@code token} unregistered. */
    boolean tokenUnregistered(Sid factorSid, String token);

    /** Marks the factor's token unregistered, if it is still {@code token}. */
    void markTokenUnregistered(Sid factorSid, String token);
}
