package dev.assent.server.storage;

import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.accesstoken.AccessTokenStore;
import dev.assent.server.accesstoken.EnrollmentSigningKey;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.secrets.SecretSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Access tokens and the enrollment signing key in SQL. */
public final class JdbcAccessTokenStore implements AccessTokenStore {

    private static final String COLUMNS = "sid, account_sid, service_sid, identity, factor_type, factor_friendly_name, ttl, "
            + "token, expires_at, used_at, created_at";

    private static final SealedColumn TOKEN = SealedColumn.ACCESS_TOKEN;
    private static final SealedColumn SIGNING_KEY = SealedColumn.SIGNING_KEY_SECRET;

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    public JdbcAccessTokenStore(Database database, SecretSealer sealer) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
    }

    @Override
    public void insert(AccessToken t) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO access_tokens (" + COLUMNS + ") VALUES (:sid, :account_sid, :service_sid, "
                + ":identity, :factor_type, :factor_friendly_name, :ttl, :token, :expires_at, NULL, :created_at)")
                .bind("sid", t.sid().value())
                .bind("account_sid", t.accountSid().value())
                .bind("service_sid", t.serviceSid().value())
                .bind("identity", t.identity())
                .bind("factor_type", t.factorType().wireName())
                .bind("factor_friendly_name", t.factorFriendlyName().orElse(null))
                .bind("ttl", (int) t.ttl().toSeconds())
                .bind("token", sealer.seal(t.token(), TOKEN.associatedData(t.sid().value())))
                .bind("expires_at", t.expirationDate().toEpochMilli())
                .bind("created_at", t.dateCreated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<AccessToken> find(Sid tokenSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM access_tokens WHERE sid = :sid")
                .bind("sid", tokenSid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public boolean markUsed(Sid tokenSid, Instant now) {
        // The WHERE clause is the single-use guard, evaluated under the row lock: of two concurrent
        // uses exactly one changes the row; the other (PostgreSQL: after waiting for the first to
        // commit) changes nothing.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE access_tokens SET used_at = :now "
                + "WHERE sid = :sid AND used_at IS NULL AND expires_at > :now")
                .bind("sid", tokenSid.value())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public EnrollmentSigningKey signingKey(EnrollmentSigningKey candidate, Instant now) {
        return jdbi.withHandle(h -> {
            int inserted = h.createUpdate("INSERT INTO signing_keys (name, secret, created_at) VALUES (:name, :secret, :now) "
                    + "ON CONFLICT (name) DO NOTHING")
                    .bind("name", EnrollmentSigningKey.NAME)
                    .bind("secret", sealer.seal(candidate.toBase64(), SIGNING_KEY.associatedData(EnrollmentSigningKey.NAME)))
                    .bind("now", now.toEpochMilli())
                    .execute();
            if (inserted == 1) {
                return candidate;
            }
            return EnrollmentSigningKey.fromBase64(sealer.open(h.createQuery("SELECT secret FROM signing_keys WHERE name = :name")
                    .bind("name", EnrollmentSigningKey.NAME)
                    .mapTo(String.class)
                    .one(), SIGNING_KEY.associatedData(EnrollmentSigningKey.NAME)));
        });
    }

    private AccessToken map(ResultSet rs) throws SQLException {
        long used = rs.getLong("used_at");
        Optional<Instant> usedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used));
        return new AccessToken(
                new Sid(SidType.ACCESS_TOKEN, rs.getString("sid")),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                rs.getString("identity"),
                FactorType.fromWire(rs.getString("factor_type")).orElseThrow(),
                Optional.ofNullable(rs.getString("factor_friendly_name")),
                Duration.ofSeconds(rs.getInt("ttl")),
                sealer.open(rs.getString("token"), TOKEN.associatedData(rs.getString("sid"))),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                usedAt,
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
