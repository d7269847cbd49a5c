package dev.assent.server.push;

import dev.assent.server.sid.Sid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Persistence of push jobs and of the unregistered mark on factors' notification tokens. */
public interface PushJobStore {

    void insert(PushJob job);

    /**
     * Claims up to {@code limit} pending jobs due at {@code now} whose lease is free or lapsed, leasing
     * each to {@code owner} until {@code now + lease} and counting an attempt. Each claim is a
     * conditional update, so two nodes never both claim a job.
     */
    List<PushJob> claimDue(String owner, Instant now, Duration lease, int limit);

    /** Ends a job the caller still holds the lease on. */
    void finish(String id, String owner, PushJobStatus status, String detail, Instant now);

    /** Releases a held job for another attempt at {@code nextAttempt}. */
    void retryAt(String id, String owner, Instant nextAttempt, String detail, Instant now);

    /** Whether a provider has reported this factor's current {@code token} unregistered. */
    boolean tokenUnregistered(Sid factorSid, String token);

    /** Marks the factor's token unregistered, if it is still {@code token}. */
    void markTokenUnregistered(Sid factorSid, String token);
}
