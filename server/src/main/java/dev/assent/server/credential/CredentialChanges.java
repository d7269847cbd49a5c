package dev.assent.server.credential;

import java.util.Optional;

/**
 * The parameters of a Credential create or update, as sent. APNs certificate-based: {@code Certificate}
 * and {@code PrivateKey}; APNs token-based: {@code PrivateKey} (the .p8), {@code ApnKeyId} and
 * {@code ApnTeamId}; FCM: {@code Secret} (the service-account JSON).
 */
public record CredentialChanges(
        Optional<String> type,
        Optional<String> friendlyName,
        Optional<String> certificate,
        Optional<String> privateKey,
        Optional<String> apnKeyId,
        Optional<String> apnTeamId,
        Optional<Boolean> sandbox,
        Optional<String> secret) {
}
