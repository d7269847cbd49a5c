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
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts in SQL. Each token column is read and written through its own pair of private mappings
 * ({@link #authTokenColumn}/{@link #authToken}, {@link #secondaryColumn}/{@link #secondary}), so that
 * how a token is stored is decided in one place per column.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "sid, auth_token, secondary_auth_token, created_at, disabled_at";
    private static final SealedColumn AUTH_TOKEN = SealedColumn.ACCOUNT_AUTH_TOKEN;
    private static final SealedColumn SECONDARY_AUTH_TOKEN = SealedColumn.ACCOUNT_SECONDARY_AUTH_TOKEN;

    /**
     * The condition on a job row ({@code account_sid}) that its account is not disabled: the push and
     * webhook workers lease only such rows.
     */
    static final String ACCOUNT_ACTIVE = "account_sid NOT IN (SELECT sid FROM accounts WHERE disabled_at IS NOT NULL)";

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    public JdbcAccountStore(Database database, SecretSealer sealer) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
    }

    @Override
    public void insert(Account account) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO accounts (" + COLUMNS + ") VALUES (:sid, :token, :secondary, :created, :disabled)")
                .bind("sid", account.sid().value())
                .bind("token", authTokenColumn(account.sid(), account.authToken()))
                .bind("secondary", secondaryColumn(account.sid(), account.secondaryAuthToken()))
                .bind("created", account.dateCreated().toEpochMilli())
                .bind("disabled", account.disabledAt().map(Instant::toEpochMilli).orElse(null))
                .execute());
    }

    @Override
    public Optional<Account> find(Sid sid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE sid = :sid")
                .bind("sid", sid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Optional<Account> oldest() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at, sid LIMIT 1")
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<Account> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at, sid")
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private Account map(ResultSet rs) throws SQLException {
        Sid sid = new Sid(SidType.ACCOUNT, rs.getString("sid"));
        long disabled = rs.getLong("disabled_at");
        Optional<Instant> disabledAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(disabled));
        return new Account(sid, authToken(sid, rs), secondary(sid, rs), Instant.ofEpochMilli(rs.getLong("created_at")), disabledAt);
    }

    @Override
    public boolean updateAuthToken(Sid sid, AuthToken token) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET auth_token = :token WHERE sid = :sid")
                .bind("sid", sid.value())
                .bind("token", authTokenColumn(sid, token))
                .execute()) == 1;
    }

    @Override
    public boolean updateSecondaryAuthToken(Sid sid, Optional<AuthToken> token) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET secondary_auth_token = :secondary WHERE sid = :sid")
                .bind("sid", sid.value())
                .bind("secondary", secondaryColumn(sid, token))
                .execute()) == 1;
    }

    @Override
    public boolean promoteSecondary(Sid sid, AuthToken secondary) {
        // The value is written through the primary column's mapping rather than copied in SQL, so each
        // column keeps its own storage form.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET auth_token = :token, secondary_auth_token = NULL "
                + "WHERE sid = :sid AND secondary_auth_token IS NOT NULL")
                .bind("sid", sid.value())
                .bind("token", authTokenColumn(sid, secondary))
                .execute()) == 1;
    }

    @Override
    public boolean updateDisabledAt(Sid sid, Optional<Instant> disabledAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET disabled_at = :disabled WHERE sid = :sid")
                .bind("sid", sid.value())
                .bind("disabled", disabledAt.map(Instant::toEpochMilli).orElse(null))
                .execute()) == 1;
    }

    // ---- The token columns' storage form: one mapping each way per column, sealed and bound to the row
    // and column (docs/decisions.md, "Secrets: encryption at rest"), so a value copied to another row
    // or from the secondary column to the primary does not open.

    private String authTokenColumn(Sid sid, AuthToken token) {
        return sealer.seal(token.reveal(), AUTH_TOKEN.associatedData(sid.value()));
    }

    private AuthToken authToken(Sid sid, ResultSet rs) throws SQLException {
        return new AuthToken(sealer.open(rs.getString("auth_token"), AUTH_TOKEN.associatedData(sid.value())));
    }

    private String secondaryColumn(Sid sid, Optional<AuthToken> token) {
        return token.map(t -> sealer.seal(t.reveal(), SECONDARY_AUTH_TOKEN.associatedData(sid.value()))).orElse(null);
    }

    private Optional<AuthToken> secondary(Sid sid, ResultSet rs) throws SQLException {
        return Optional.ofNullable(rs.getString("secondary_auth_token"))
                .map(v -> new AuthToken(sealer.open(v, SECONDARY_AUTH_TOKEN.associatedData(sid.value()))));
    }
}
