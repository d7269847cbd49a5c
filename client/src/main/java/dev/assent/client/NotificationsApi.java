package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;

/**
 * The Notifications operation of Verify v2: CreateNotification, which re-sends a pending push challenge,
 * under {@code …/Challenges/{ChallengeSid}/Notifications}. Obtain it from {@link AssentClient#notifications()}.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge-notification">Twilio: Notification resource</a>
 */
public final class NotificationsApi {

    /** Longest {@code Ttl} in seconds. */
    public static final int MAX_TTL = 300;

    private final Transport transport;

    NotificationsApi(Transport transport) {
        this.transport = transport;
    }

    /** CreateNotification with the server's default {@code Ttl} (300 s). */
    public Notification createNotification(String serviceSid, String identity, String challengeSid) {
        return createNotification(serviceSid, identity, challengeSid, null);
    }

    /** CreateNotification: {@code POST …/Notifications}; {@code ttl} 0–300 s (0: one attempt, nothing stored). */
    public Notification createNotification(String serviceSid, String identity, String challengeSid, Integer ttl) {
        Check.range("Ttl", ttl, 0, MAX_TTL);
        String path = ChallengesApi.path(serviceSid, identity) + "/" + Check.sid("ChallengeSid", challengeSid, "YC")
                + "/Notifications";
        return Resources.notification(transport.post(transport.uri(path, null), new Form().add("Ttl", ttl)));
    }
}
