package dev.assent.server.service;

import dev.assent.server.sid.Sid;
import java.util.Optional;

/**
 * A service's push settings. {@code includeDate} is Twilio's deprecated flag that adds
 * {@code details.date} to challenges; the credential SIDs name the APNs and FCM credentials.
 * {@code replaceOldestPending} is an Assent extension: when a factor already has as many pending
 * push challenges as the deployment allows, a new one expires the oldest instead of being
 * refused with 429.
 */
public record PushSettings(boolean includeDate, Optional<Sid> apnCredentialSid, Optional<Sid> fcmCredentialSid,
        boolean replaceOldestPending) {
    public static final PushSettings DEFAULT = new PushSettings(false, Optional.empty(), Optional.empty(), false);
}
