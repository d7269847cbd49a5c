package dev.assent.server.notification;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.Transactions;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeStateMachine;
import dev.assent.server.challenge.Challenges;
import dev.assent.server.challenge.PushOutbox;
import dev.assent.server.entity.Entity;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Notifications resource: a backend asks for the push of a pending push challenge to be sent
 * again. Assent records the request (listed to the account and to the challenge's device, an Assent
 * extension) and queues a push with the notification's TTL, in the same transaction.
 */
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);
    /** The longest TTL ({@code Ttl} is 0 to 300 seconds); the edge checks it. */
    public static final Duration MAX_TTL = Duration.ofSeconds(300);
    /** Notifications one challenge may have: Twilio's number, with its error 60309 (HTTP 429). */
    public static final int MAX_PER_CHALLENGE = 3;

    private final NotificationStore store;
    private final Challenges challenges;
    private final Transactions transactions;
    private final PushOutbox pushes;

    public Notifications(NotificationStore store, Challenges challenges, Transactions transactions, PushOutbox pushes) {
        this.store = store;
        this.challenges = challenges;
        this.transactions = transactions;
        this.pushes = pushes;
    }

    /**
     * Records a notification for a pending, unexpired push challenge. A TOTP challenge is 400 (60306),
     * an expired one 403 (60323), an answered one 403 (60322), an unknown one 404, and one that already
     * has {@link #MAX_PER_CHALLENGE} notifications 429 (60309). {@code requestedTtl} is at most
     * {@link #MAX_TTL}, as the edge checked.
     */
    public Notification create(Entity entity, Input<Sid> challengeSidInput, Optional<Duration> requestedTtl, Instant now) {
        Duration ttl = requestedTtl.orElse(DEFAULT_TTL);
        Sid challengeSid = challengeSidInput.required();
        Challenge challenge = challenges.fetch(entity, challengeSid, now);
        requireNotifiable(challenge, challengeSidInput, now);
        Notification notification = new Notification(Sid.generate(SidType.NOTIFICATION), challenge.accountSid(),
                challenge.serviceSid(), challenge.entitySid(), challenge.identity(), challenge.sid(), ttl, now);
        NotificationStore.Insertion outcome = transactions.inTransaction(() -> {
            NotificationStore.Insertion insertion = store.insertIfChallengePending(notification, now, MAX_PER_CHALLENGE);
            if (insertion == NotificationStore.Insertion.RECORDED) {
                pushes.enqueue(challenge, Optional.of(notification.sid()), now.plus(notification.ttl()), now);
            }
            return insertion;
        });
        if (outcome == NotificationStore.Insertion.LIMIT_REACHED) {
            throw new ApiException(ApiError.TOO_MANY_NOTIFICATIONS, "The maximum number of push notifications for the challenge ("
                    + MAX_PER_CHALLENGE + ") has been reached; create a new challenge to notify the device again");
        }
        if (outcome == NotificationStore.Insertion.CHALLENGE_NOT_PENDING) {
            // Answered (or deleted) between the read and the insert: report what it is now.
            requireNotifiable(challenges.fetch(entity, challengeSid, now), challengeSidInput, now);
            throw new ApiException(ApiError.CHALLENGE_ALREADY_RESPONDED);
        }
        pushes.committed();
        log.info("notification {} recorded for challenge {}, push queued", notification.sid(), challenge.sid());
        return notification;
    }

    /** The notifications recorded for a challenge, oldest first. */
    public Page<Notification> list(Challenge challenge, PageRequest page) {
        return store.list(challenge.sid(), page);
    }

    private static void requireNotifiable(Challenge challenge, Input<Sid> parameter, Instant now) {
        if (challenge.factorType() != FactorType.PUSH) {
            throw parameter.invalid(challenge.sid().value(), "is a " + challenge.factorType().wireName()
                    + " challenge; notifications are sent for " + FactorType.PUSH.wireName() + " challenges only");
        }
        ChallengeStateMachine.requireAnswerable(challenge, now);
    }
}
