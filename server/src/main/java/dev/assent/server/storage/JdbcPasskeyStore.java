package dev.assent.server.storage;

import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.passkey.PasskeyChallenge;
import dev.assent.server.passkey.PasskeyStore;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Passkeys ceremonies in SQL: the passkey columns of factors, and passkey_challenges. */
public final class JdbcPasskeyStore implements PasskeyStore {

    private static final String CHALLENGE_COLUMNS = "sid, account_sid, service_sid, entity_sid, identity, factor_sid, challenge, "
            + "rp_id, user_verification, status, expires_at, responded_at, created_at, updated_at";

    private final Jdbi jdbi;

    public JdbcPasskeyStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Optional<FactorRef> findRegistration(Sid serviceSid, String challenge) {
        return jdbi.withHandle(h -> h.createQuery("SELECT entity_sid, sid FROM factors WHERE passkey_challenge = :challenge "
                        + "AND service_sid = :service AND factor_type = 'passkeys' AND status = 'unverified'")
                .bind("challenge", challenge)
                .bind("service", serviceSid.value())
                .map((rs, ctx) -> ref(rs))
                .findOne());
    }

    @Override
    public Optional<FactorRef> findByCredentialId(Sid serviceSid, String credentialId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT entity_sid, sid FROM factors WHERE passkey_credential_id = :id "
                        + "AND service_sid = :service")
                .bind("id", credentialId)
                .bind("service", serviceSid.value())
                .map((rs, ctx) -> ref(rs))
                .findOne());
    }

    @Override
    public List<AllowedCredential> credentials(Sid entitySid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sid, passkey, passkey_sign_count FROM factors WHERE entity_sid = :entity "
                        + "AND factor_type = 'passkeys' AND status = 'verified' AND passkey_credential_id IS NOT NULL "
                        + "ORDER BY created_at, sid")
                .bind("entity", entitySid.value())
                .map((rs, ctx) -> {
                    PasskeyBinding.Credential credential = PasskeyColumns.read(rs.getString("passkey"), rs.getLong("passkey_sign_count"),
                            null, null).credential().orElseThrow();
                    return new AllowedCredential(new Sid(SidType.FACTOR, rs.getString("sid")), credential.credentialId(),
                            credential.transports());
                })
                .list());
    }

    @Override
    public boolean completeRegistration(Sid factorSid, String challenge, PasskeyBinding.Credential credential, Instant now) {
        return jdbi.withHandle(h -> {
            String document = h.createQuery("SELECT passkey FROM factors WHERE sid = :sid")
                    .bind("sid", factorSid.value()).mapTo(String.class).findOne().orElse(null);
            if (document == null) {
                return false;
            }
            PasskeySettings config = PasskeyColumns.read(document, null, null, null).config();
            return h.createUpdate("UPDATE factors SET status = 'verified', passkey = :passkey, passkey_credential_id = :id, "
                            + "passkey_sign_count = :count, passkey_challenge = NULL, passkey_challenge_expires_at = NULL, "
                            + "updated_at = :now WHERE sid = :sid AND status = 'unverified' AND passkey_challenge = :challenge")
                    .bind("passkey", PasskeyColumns.document(config, credential))
                    .bind("id", credential.credentialId())
                    .bind("count", credential.signCount())
                    .bind("now", now.toEpochMilli())
                    .bind("sid", factorSid.value())
                    .bind("challenge", challenge)
                    .execute() == 1;
        });
    }

    @Override
    public boolean advanceSignCount(Sid factorSid, long expected, long next, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE factors SET passkey_sign_count = :next, updated_at = :now "
                        + "WHERE sid = :sid AND passkey_sign_count = :expected AND :next > :expected")
                .bind("next", next)
                .bind("expected", expected)
                .bind("now", now.toEpochMilli())
                .bind("sid", factorSid.value())
                .execute()) == 1;
    }

    @Override
    public void insertChallenge(PasskeyChallenge c) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO passkey_challenges (" + CHALLENGE_COLUMNS + ") VALUES (:sid, :account, :service, "
                        + ":entity, :identity, :factor, :challenge, :rp_id, :uv, :status, :expires, NULL, :created, :updated)")
                .bind("sid", c.sid().value())
                .bind("account", c.accountSid().value())
                .bind("service", c.serviceSid().value())
                .bind("entity", c.entitySid().map(Sid::value).orElse(null))
                .bind("identity", c.identity().orElse(null))
                .bind("factor", c.factorSid().map(Sid::value).orElse(null))
                .bind("challenge", c.challenge())
                .bind("rp_id", c.rpId())
                .bind("uv", c.userVerification().wireName())
                .bind("status", c.status().wireName())
                .bind("expires", c.expirationDate().toEpochMilli())
                .bind("created", c.dateCreated().toEpochMilli())
                .bind("updated", c.dateUpdated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<PasskeyChallenge> findChallenge(Sid serviceSid, String challenge) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHALLENGE_COLUMNS + " FROM passkey_challenges "
                        + "WHERE challenge = :challenge AND service_sid = :service")
                .bind("challenge", challenge)
                .bind("service", serviceSid.value())
                .map((rs, ctx) -> challenge(rs))
                .findOne());
    }

    @Override
    public boolean approve(Sid challengeSid, Sid entitySid, String identity, Sid factorSid, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE passkey_challenges SET status = 'approved', entity_sid = :entity, "
                        + "identity = :identity, factor_sid = :factor, responded_at = :now, updated_at = :now "
                        + "WHERE sid = :sid AND status = 'pending' AND expires_at > :now")
                .bind("entity", entitySid.value())
                .bind("identity", identity)
                .bind("factor", factorSid.value())
                .bind("now", now.toEpochMilli())
                .bind("sid", challengeSid.value())
                .execute()) == 1;
    }

    @Override
    public Optional<Instant> nthNewestChallengeAfter(Sid serviceSid, Optional<String> identity, Instant after, int n) {
        String who = identity.isPresent() ? "identity = :identity" : "identity IS NULL";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT created_at FROM passkey_challenges WHERE service_sid = :service AND " + who
                    + " AND created_at > :after ORDER BY created_at DESC LIMIT 1 OFFSET :skip");
            identity.ifPresent(i -> query.bind("identity", i));
            return query.bind("service", serviceSid.value())
                .bind("after", after.toEpochMilli())
                .bind("skip", n - 1)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli);
        });
    }

    private static FactorRef ref(ResultSet rs) throws SQLException {
        return new FactorRef(new Sid(SidType.ENTITY, rs.getString("entity_sid")), new Sid(SidType.FACTOR, rs.getString("sid")));
    }

    private static PasskeyChallenge challenge(ResultSet rs) throws SQLException {
        long responded = rs.getLong("responded_at");
        Optional<Instant> dateResponded = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(responded));
        return new PasskeyChallenge(
                new Sid(SidType.CHALLENGE, rs.getString("sid")),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                Optional.ofNullable(rs.getString("entity_sid")).map(v -> new Sid(SidType.ENTITY, v)),
                Optional.ofNullable(rs.getString("identity")),
                Optional.ofNullable(rs.getString("factor_sid")).map(v -> new Sid(SidType.FACTOR, v)),
                rs.getString("challenge"),
                rs.getString("rp_id"),
                PasskeySettings.Requirement.fromWire(rs.getString("user_verification")).orElseThrow(),
                ChallengeStatus.fromWire(rs.getString("status")).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                dateResponded,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
