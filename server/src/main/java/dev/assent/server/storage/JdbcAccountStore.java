package dev.assent.server.storage;

import dev.assent.server.account.Account;
import dev.assent.server.account.AccountStore;
import dev.assent.server.account.AuthToken;
import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Accounts in SQL. */
public final class JdbcAccountStore implements AccountStore {

    private static final SealedColumn AUTH_TOKEN = SealedColumn.ACCOUNT_AUTH_TOKEN;

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    public JdbcAccountStore(Database database, SecretSealer sealer) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
    }

    @Override
    public void insert(Account account) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (sid, auth_token, created_at) VALUES (:sid, :token, :created)")
                .bind("sid", account.sid().value())
                .bind("token", sealer.seal(account.authToken().reveal(), AUTH_TOKEN.associatedData(account.sid().value())))
                .bind("created", account.dateCreated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Account> find(Sid sid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sid, auth_token, created_at FROM accounts WHERE sid = :sid")
                .bind("sid", sid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Optional<Account> oldest() {
        return jdbi.withHandle(h -> h.createQuery("SELECT sid, auth_token, created_at FROM accounts ORDER BY created_at, sid LIMIT 1")
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    private Account map(ResultSet rs) throws SQLException {
        String sid = rs.getString("sid");
        AuthToken token = new AuthToken(sealer.open(rs.getString("auth_token"), AUTH_TOKEN.associatedData(sid)));
        return new Account(new Sid(SidType.ACCOUNT, sid), token,
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    @Override
    public boolean updateAuthToken(Sid sid, AuthToken token) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET auth_token = :token WHERE sid = :sid")
                .bind("sid", sid.value())
                .bind("token", sealer.seal(token.reveal(), AUTH_TOKEN.associatedData(sid.value())))
                .execute()) == 1;
    }
}
