package dev.assent.server.account;

import dev.assent.server.api.Transactions;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Clock;
import java.util.Optional;

/** Creates accounts and checks account credentials. */
public final class AccountService {

    private final AccountStore store;
    private final Transactions transactions;
    private final Clock clock;

    public AccountService(AccountStore store, Transactions transactions, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates an account with a fresh SID and auth token. */
    public Account create() {
        Account account = new Account(Sid.generate(SidType.ACCOUNT), AuthToken.generate(), clock.instant());
        transactions.run(() -> store.insert(account));
        return account;
    }

    /** Makes sure the account with these exact credentials exists (dev mode's fixed credentials). */
    public Account ensure(Sid sid, AuthToken token) {
        return transactions.inTransaction(() -> {
            if (store.updateAuthToken(sid, token)) {
                return store.find(sid).orElseThrow();
            }
            Account account = new Account(sid, token, clock.instant());
            store.insert(account);
            return account;
        });
    }

    /** The first account ever created here, if any (dev mode reuses it). */
    public Optional<Account> oldest() {
        return store.oldest();
    }

    public Optional<Account> find(Sid sid) {
        return store.find(sid);
    }

    /** The account whose SID and token these are, if they match; the token comparison is constant-time. */
    public Optional<Account> authenticate(String accountSid, String token) {
        if (!Sid.matches(SidType.ACCOUNT, accountSid)) {
            return Optional.empty();
        }
        return store.find(new Sid(SidType.ACCOUNT, accountSid)).filter(a -> a.authToken().matches(token));
    }
}
