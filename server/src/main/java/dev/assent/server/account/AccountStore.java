package dev.assent.server.account;

import dev.assent.server.sid.Sid;
import java.util.Optional;

/** Persistence of accounts. */
public interface AccountStore {

    void insert(Account account);

    Optional<Account> find(Sid sid);

    Optional<Account> oldest();

    /** Sets the auth token of an existing account; returns whether the account existed. */
    boolean updateAuthToken(Sid sid, AuthToken token);
}
