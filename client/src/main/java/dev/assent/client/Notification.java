package dev.assent.client;

import java.time.Instant;

/**
 * A challenge notification: one (re)sending of a push challenge to the factor's device
 * ({@code verify.v2.service.entity.challenge.notification}).
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge-notification">Twilio: Notification resource</a>
 */
public record Notification(String sid, String accountSid, String serviceSid, String entitySid, String identity,
                           String challengeSid, String priority, Integer ttl, Instant dateCreated) {
}
