package dev.assent.server.account;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account: the owner of services, authenticated with its SID and auth token over HTTP Basic.
 *
 * @param authToken the primary auth token: accepted, and the key of webhook signatures
 * @param secondaryAuthToken a second token accepted beside the primary while it is being rotated
 *     (<a href="https://www.twilio.com/docs/iam/api/authtoken">Twilio's secondary auth token</a>)
 * @param disabledAt when an operator disabled the account, empty while it is active
 */
public record Account(Sid sid, AuthToken authToken, Optional<AuthToken> secondaryAuthToken, Instant dateCreated,
        Optional<Instant> disabledAt) {

    public Account {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(authToken);
        Objects.requireNonNull(secondaryAuthToken);
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(disabledAt);
    }

    /** A new, active account with no secondary token. */
    public Account(Sid sid, AuthToken authToken, Instant dateCreated) {
        this(sid, authToken, Optional.empty(), dateCreated, Optional.empty());
    }

    /**
     * Whether the account may act: the one rule every principal (auth token, secondary token, API key,
     * device, access token) is checked against.
     */
    public boolean active() {
        return disabledAt.isEmpty();
    }

    /**
     * Whether {@code candidate} is the primary or the secondary token. Each comparison is constant-time
     * and both run (no short circuit), so the timing does not tell which of the two matched.
     */
    public boolean acceptsToken(String candidate) {
        boolean primary = authToken.matches(candidate);
        boolean secondary = secondaryAuthToken.isPresent() && secondaryAuthToken.get().matches(candidate);
        return primary | secondary;
    }
}
