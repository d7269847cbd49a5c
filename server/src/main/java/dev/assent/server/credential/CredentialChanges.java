package dev.assent.server.credential;

import dev.assent.server.api.Input;
import java.util.Optional;

/**
 * The parameters of a Credential create or update, each named as the request named it. APNs
 * certificate-based: a certificate and its private key; APNs token-based: the private key (the .p8),
 * its key id and the team id; FCM: the secret (the service-account JSON).
 */
public record CredentialChanges(
        Input<CredentialType> type,
        Input<String> friendlyName,
        Input<String> certificate,
        Input<String> privateKey,
        Input<String> apnKeyId,
        Input<String> apnTeamId,
        Optional<Boolean> sandbox,
        Input<String> secret) {
}
