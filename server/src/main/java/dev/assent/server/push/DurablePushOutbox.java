package dev.assent.server.push;

import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.PushOutbox;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The outbox: a push job row in the caller's transaction, then a nudge to the local worker. */
public final class DurablePushOutbox implements PushOutbox {

    private final PushJobStore store;
    private final Runnable wake;

    public DurablePushOutbox(PushJobStore store, Runnable wake) {
        this.store = store;
        this.wake = wake;
    }

    @Override
    public void enqueue(Challenge challenge, Optional<Sid> notificationSid, Instant expiresAt, Instant now) {
        store.insert(new PushJob(UUID.randomUUID().toString(), challenge.accountSid(), challenge.serviceSid(), challenge.entitySid(),
                challenge.sid(), challenge.factorSid(), notificationSid, expiresAt, 0, now));
    }

    @Override
    public void committed() {
        wake.run();
    }
}
