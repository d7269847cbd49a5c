package dev.assent.server.worker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job-specific side of a {@link LeaseLoop}: where its rows are, what running one means, and how a
 * crash is recorded. The loop owns the lease transaction; {@link #run} and {@link #crashed} own the
 * transactions of the outcomes they write.
 *
 * @param <J> a job row
 */
public interface LeasedJobs<J> {

    /**
     * Candidates due at {@code now} and not leased, oldest first, at most {@code limit}, none of an
     * account in {@code fullAccounts} (those already hold their share of the slots). Only
     * {@link #lease} decides whether this node gets one.
     */
    List<J> due(Instant now, Set<String> fullAccounts, int limit);

    /**
     * Leases a candidate until {@code until} with one conditional write that also counts the attempt,
     * so a job whose run kills the node still runs out of attempts. Empty if another node has it.
     * Called inside a transaction.
     */
    Optional<J> lease(J candidate, Instant now, Instant until);

    /** The account the job belongs to: the unit of the per-account cap. */
    String account(J job);

    /** Runs a leased job and records its outcome (sent, failed and retried, deferred, given up). */
    void run(J job) throws Exception;

    /**
     * Records a job whose {@link #run} threw: a failed attempt with a coarse {@code reason} (the
     * exception's type, never its message), retried with back-off or given up once out of attempts.
     */
    void crashed(J job, String reason);
}
