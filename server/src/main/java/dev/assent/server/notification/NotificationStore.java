package dev.assent.server.notification;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.time.Instant;

/** Persistence of challenge notifications. */
public interface NotificationStore {

    /** What {@link #insertIfChallengePending} did. */
    enum Insertion { RECORDED, CHALLENGE_NOT_PENDING, LIMIT_REACHED }

    /**
     * Inserts the notification if its challenge is, at {@code now}, a pending, unexpired push challenge
     * with fewer than {@code max} notifications. The conditions and the insert are one statement, run
     * after the challenge's row is locked (inside the caller's write transaction), so a notification is
     * never recorded for a challenge answered or expired in the meantime, and concurrent requests are
     * counted one after another.
     */
    Insertion insertIfChallengePending(Notification notification, Instant now, int max);

    /** A challenge's notifications in creation order. */
    Page<Notification> list(Sid challengeSid, PageRequest page);
}
