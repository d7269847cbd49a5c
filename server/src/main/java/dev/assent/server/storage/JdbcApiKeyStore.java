package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.apikey.ApiKey;
import dev.assent.server.apikey.ApiKeyStore;
import dev.assent.server.apikey.StoredApiKey;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** API keys in SQL: the secret's SHA-256 as hex, never the secret. */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "sid, account_sid, friendly_name, secret_sha256, created_at, updated_at";
    private static final HexFormat HEX = HexFormat.of();

    private final Jdbi jdbi;

    public JdbcApiKeyStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(StoredApiKey stored) {
        ApiKey key = stored.key();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") "
                + "VALUES (:sid, :account, :name, :hash, :created, :updated)")
                .bind("sid", key.sid().value())
                .bind("account", key.accountSid().value())
                .bind("name", key.friendlyName().orElse(null))
                .bind("hash", HEX.formatHex(stored.secretHash()))
                .bind("created", key.dateCreated().toEpochMilli())
                .bind("updated", key.dateUpdated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredApiKey> find(Sid keySid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE sid = :sid")
                .bind("sid", keySid.value())
                .map((rs, ctx) -> new StoredApiKey(map(rs), HEX.parseHex(rs.getString("secret_sha256"))))
                .findOne());
    }

    @Override
    public Optional<ApiKey> find(Sid accountSid, Sid keySid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE sid = :sid AND account_sid = :account")
                .bind("sid", keySid.value())
                .bind("account", accountSid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Page<ApiKey> list(Sid accountSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM api_keys WHERE account_sid = :account",
                Map.of("account", accountSid.value()), page, (rs, ctx) -> map(rs)));
    }

    @Override
    public boolean update(Sid accountSid, Sid keySid, Optional<String> friendlyName, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET friendly_name = :name, updated_at = :now "
                + "WHERE sid = :sid AND account_sid = :account")
                .bind("name", friendlyName.orElse(null))
                .bind("now", now.toEpochMilli())
                .bind("sid", keySid.value())
                .bind("account", accountSid.value())
                .execute()) == 1;
    }

    @Override
    public boolean delete(Sid accountSid, Sid keySid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE sid = :sid AND account_sid = :account")
                .bind("sid", keySid.value())
                .bind("account", accountSid.value())
                .execute()) == 1;
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(new Sid(SidType.API_KEY, rs.getString("sid")), new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                Optional.ofNullable(rs.getString("friendly_name")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
