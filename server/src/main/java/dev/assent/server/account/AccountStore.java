package dev.assent.server.account;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of accounts. */
public interface AccountStore {

    void insert(Account account);

    Optional<Account> find(Sid sid);

    Optional<Account> oldest();

    /** Every account, oldest first (the operator's list; accounts are few). */
    List<Account> all();

    /** Sets the auth token of an existing account; returns whether the account existed. */
    boolean updateAuthToken(Sid sid, AuthToken token);

    /** Sets the secondary token, or clears it with empty; returns whether the account existed. */
    boolean updateSecondaryAuthToken(Sid sid, Optional<AuthToken> token);

    /**
     * Makes {@code secondary} (the account's secondary token, as read in this transaction) the primary
     * and clears the secondary, if the account still has one; returns whether it did (false: a
     * concurrent promotion or deletion won).
     */
    boolean promoteSecondary(Sid sid, AuthToken secondary);

    /** Sets or clears (empty) the disabled time; returns whether the account existed. */
    boolean updateDisabledAt(Sid sid, Optional<Instant> disabledAt);
}
