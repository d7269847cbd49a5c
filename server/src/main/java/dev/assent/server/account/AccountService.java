package dev.assent.server.account;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Creates accounts, checks account credentials, rotates auth tokens and disables accounts. Whether an
 * account may act at all is decided here, in {@link #requireActive}, for every kind of principal.
 */
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

    /** Every account, oldest first. */
    public List<Account> list() {
        return store.all();
    }

    /**
     * The account whose SID and token (primary or secondary) these are, if they match; the token
     * comparisons are constant-time. Whether the account is active is not judged here but in
     * {@link #requireActive}, which the caller applies to every principal alike.
     */
    public Optional<Account> authenticate(String accountSid, String token) {
        if (!Sid.matches(SidType.ACCOUNT, accountSid)) {
            return Optional.empty();
        }
        return store.find(new Sid(SidType.ACCOUNT, accountSid)).filter(a -> a.acceptsToken(token));
    }

    /**
     * Whether the account exists and is not disabled: the one check every credential (auth token,
     * secondary token, API key, device JWT, access token) passes before its request is served.
     */
    public boolean isActive(Sid accountSid) {
        return store.find(accountSid).map(Account::active).orElse(false);
    }

    /**
     * Creates a new secondary auth token, replacing any existing one (Twilio's {@code POST
     * /v1/AuthTokens/Secondary}); the account keeps accepting its primary.
     */
    public Account createSecondaryToken(Sid accountSid) {
        AuthToken secondary = AuthToken.generate();
        return transactions.inTransaction(() -> {
            if (!store.updateSecondaryAuthToken(accountSid, Optional.of(secondary))) {
                throw noSuchAccount(accountSid);
            }
            return store.find(accountSid).orElseThrow();
        });
    }

    /** Deletes the secondary token, if any: it stops working at once. */
    public void deleteSecondaryToken(Sid accountSid) {
        transactions.run(() -> {
            if (!store.updateSecondaryAuthToken(accountSid, Optional.empty())) {
                throw noSuchAccount(accountSid);
            }
        });
    }

    /**
     * Makes the secondary token the primary (Twilio's {@code POST /v1/AuthTokens/Promote}): the old
     * primary stops working at once, and webhooks are signed with the new one from then on.
     */
    public Account promoteSecondaryToken(Sid accountSid) {
        return transactions.inTransaction(() -> {
            Account account = store.find(accountSid).orElseThrow(() -> noSuchAccount(accountSid));
            AuthToken secondary = account.secondaryAuthToken().orElseThrow(() -> noSecondary(accountSid));
            if (!store.promoteSecondary(accountSid, secondary)) {
                // Promoted or deleted meanwhile by another request: report this request's outcome.
                throw noSecondary(accountSid);
            }
            return store.find(accountSid).orElseThrow();
        });
    }

    /** Disables the account: every credential of it gets 401 and its workers stop sending for it. */
    public Account disable(Sid accountSid) {
        return transactions.inTransaction(() -> {
            Account account = store.find(accountSid).orElseThrow(() -> noSuchAccount(accountSid));
            if (account.active()) {
                store.updateDisabledAt(accountSid, Optional.of(clock.instant()));
            }
            return store.find(accountSid).orElseThrow();
        });
    }

    /** Enables the account again; its deferred pushes and webhooks are sent on the workers' next pass. */
    public Account enable(Sid accountSid) {
        return transactions.inTransaction(() -> {
            if (!store.updateDisabledAt(accountSid, Optional.empty())) {
                throw noSuchAccount(accountSid);
            }
            return store.find(accountSid).orElseThrow();
        });
    }

    private static ApiException noSuchAccount(Sid accountSid) {
        return new ResourceNotFound(SidType.ACCOUNT, accountSid.value());
    }

    private static ApiException noSecondary(Sid accountSid) {
        return new ApiException(ApiError.NOT_FOUND, "Account " + accountSid + " has no secondary auth token to promote");
    }
}
