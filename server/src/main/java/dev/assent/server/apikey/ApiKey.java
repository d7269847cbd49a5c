package dev.assent.server.apikey;

import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's API key, without its secret: what lists and fetches show
 * (<a href="https://www.twilio.com/docs/iam/api-keys/key-resource-v2010">Twilio's Key resource</a>).
 */
public record ApiKey(Sid sid, Sid accountSid, Optional<String> friendlyName, Instant dateCreated, Instant dateUpdated) {
    public ApiKey {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(friendlyName);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
        if (sid.type() != SidType.API_KEY || accountSid.type() != SidType.ACCOUNT) {
            throw new IllegalArgumentException("an API key is an SK SID of an AC account");
        }
    }
}
