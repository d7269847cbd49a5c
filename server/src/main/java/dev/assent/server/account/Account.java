package dev.assent.server.account;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;

/** An account: the owner of services, authenticated with its SID and auth token over HTTP Basic. */
public record Account(Sid sid, AuthToken authToken, Instant dateCreated) {
    public Account {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(authToken);
        Objects.requireNonNull(dateCreated);
    }
}
