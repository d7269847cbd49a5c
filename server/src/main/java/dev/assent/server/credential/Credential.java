package dev.assent.server.credential;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A push credential (CR…) of one account: APNs or FCM key material plus, for APNs, whether it talks
 * to Apple's sandbox. See https://www.twilio.com/docs/notify/api/credential-resource.
 */
public record Credential(
        Sid sid,
        Sid accountSid,
        Optional<String> friendlyName,
        boolean sandbox,
        CredentialSecret secret,
        Instant dateCreated,
        Instant dateUpdated) {

    public Credential {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(friendlyName);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }

    public CredentialType type() {
        return secret.type();
    }
}
