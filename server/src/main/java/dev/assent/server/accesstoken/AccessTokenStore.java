package dev.assent.server.accesstoken;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Optional;

/** Persistence of access tokens and of the key that signs them. */
public interface AccessTokenStore {

    void insert(AccessToken token);

    Optional<AccessToken> find(Sid tokenSid);

    /**
     * Marks the token used if, at {@code now}, it is unused and unexpired; returns whether this call
     * did. Run it in the transaction that creates the factor: the row lock makes a concurrent second
     * use wait and then find the token used, and a rollback leaves the token unused.
     */
    boolean markUsed(Sid tokenSid, Instant now);

    /**
     * The enrollment signing key: stores {@code candidate} unless a key is stored already, then returns
     * the stored one ({@code candidate} itself if this call stored it), so that every node, including
     * two starting at once, ends up with the same key.
     */
    EnrollmentSigningKey signingKey(EnrollmentSigningKey candidate, Instant now);
}
