package dev.assent.server.passkey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code PublicKeyCredential} as a browser serialises it ({@code toJSON()}), posted to VerifyFactor
 * (an attestation: {@code attestationObject}, {@code transports}) or ApproveChallenge (an assertion:
 * {@code authenticatorData}, {@code signature}, {@code userHandle}); binary fields base64url as sent.
 */
public record PasskeyResponse(
        Optional<String> id,
        Optional<String> rawId,
        Optional<String> authenticatorAttachment,
        String clientDataJson,
        Optional<String> attestationObject,
        List<String> transports,
        Optional<String> authenticatorData,
        Optional<String> signature,
        Optional<String> userHandle) {

    public PasskeyResponse {
        Objects.requireNonNull(id);
        Objects.requireNonNull(rawId);
        Objects.requireNonNull(authenticatorAttachment);
        Objects.requireNonNull(clientDataJson);
        Objects.requireNonNull(attestationObject);
        transports = List.copyOf(transports);
        Objects.requireNonNull(authenticatorData);
        Objects.requireNonNull(signature);
        Objects.requireNonNull(userHandle);
    }
}
