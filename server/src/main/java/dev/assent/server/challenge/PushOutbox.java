package dev.assent.server.challenge;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a push for a challenge is queued. {@link #enqueue} runs inside the caller's transaction, so
 * the push job commits (or rolls back) with the challenge or notification it belongs to;
 * {@link #committed} is called after the commit, to start delivery early.
 */
public interface PushOutbox {

    /** Queues a push of {@code challenge} the provider may hold until {@code expiresAt}. */
    void enqueue(Challenge challenge, Optional<Sid> notificationSid, Instant expiresAt, Instant now);

    void committed();
}
