package dev.assent.server.service;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;

/**
 * A Verify Service: the container of entities, factors and challenges, with the push, TOTP and
 * passkeys settings its factors default to. See https://www.twilio.com/docs/verify/api/service.
 */
public record VerifyService(
        Sid sid,
        Sid accountSid,
        String friendlyName,
        PushSettings push,
        TotpSettings totp,
        PasskeySettings passkeys,
        Instant dateCreated,
        Instant dateUpdated) {

    public VerifyService {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(friendlyName);
        Objects.requireNonNull(push);
        Objects.requireNonNull(totp);
        Objects.requireNonNull(passkeys);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }
}
