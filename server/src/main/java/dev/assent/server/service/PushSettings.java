package dev.assent.server.service;

import java.util.Optional;

/**
 * A service's push settings. {@code includeDate} is Twilio's deprecated flag that adds
 * {@code details.date} to challenges; the credential SIDs name the APNs and FCM credentials.
 */
public record PushSettings(boolean includeDate, Optional<String> apnCredentialSid, Optional<String> fcmCredentialSid) {
    public static final PushSettings DEFAULT = new PushSettings(false, Optional.empty(), Optional.empty());
}
