package dev.assent.server.notification;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.time.Instant;

/** Persistence of challenge notifications. */
public interface NotificationStore {

    /**
     * Inserts the notification if its challenge is, at {@code now}, a pending, unexpired push challenge;
     * returns whether it did. The condition and the insert are one statement, so a notification is
     * never recorded for a challenge answered or expired in the meantime.
     */
    boolean insertIfChallengePending(Notification notification, Instant now);

    /** A challenge's notifications in creation order. */
    Page<Notification> list(Sid challengeSid, PageRequest page);
}
