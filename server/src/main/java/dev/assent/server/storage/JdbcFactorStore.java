package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.factor.DeviceFactor;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorBinding;
import dev.assent.server.factor.FactorStatus;
import dev.assent.server.factor.FactorStore;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.factor.TotpBinding;
import dev.assent.server.factor.TotpGuesses;
import dev.assent.server.factor.TotpSecret;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.totp.TotpAlgorithm;
import dev.assent.server.totp.TotpParameters;
import dev.assent.server.secrets.SecretSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Factors in SQL: one row a factor, with the push or TOTP columns its binding uses. */
public final class JdbcFactorStore implements FactorStore {

    /** Every column, in the order the mappers of joined reads select them ({@link Columns#aliased}). */
    static final String COLUMNS = "sid, account_sid, service_sid, entity_sid, identity, friendly_name, factor_type, "
            + "status, failed_attempts, metadata, public_key, credential_sid, app_id, sdk_version, notification_platform, "
            + "notification_token, totp_secret, totp_alg, totp_code_length, totp_time_step, totp_skew, totp_last_counter, "
            + "passkey, passkey_credential_id, passkey_sign_count, passkey_challenge, passkey_challenge_expires_at, "
            + "created_at, updated_at";

    private static final SealedColumn TOTP_SECRET = SealedColumn.FACTOR_TOTP_SECRET;

    /** Where each of {@link #COLUMNS} is in a row that selects them from {@code o + 1} on. */
    static final Columns.Positions C = Columns.positions(COLUMNS);
    private static final String DEVICE_READ = "SELECT " + Columns.qualified("f", COLUMNS) + ", "
            + Columns.qualified("e", JdbcEntityStore.COLUMNS) + ", " + Columns.qualified("s", JdbcServiceStore.COLUMNS) + ", "
            + "CASE WHEN a.disabled_at IS NULL THEN 1 ELSE 0 END AS account_active "
            + "FROM factors f JOIN entities e ON e.sid = f.entity_sid JOIN services s ON s.sid = f.service_sid "
            + "JOIN accounts a ON a.sid = f.account_sid WHERE f.credential_sid = :credential";

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    public JdbcFactorStore(Database database, SecretSealer sealer) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
    }

    @Override
    public void insert(Factor factor) {
        jdbi.useHandle(h -> bindMutable(h.createUpdate("INSERT INTO factors (" + COLUMNS + ") VALUES (:sid, :account_sid, "
                + ":service_sid, :entity_sid, :identity, :friendly_name, :factor_type, :status, :failed_attempts, :metadata, "
                + ":public_key, :credential_sid, :app_id, :sdk_version, :notification_platform, :notification_token, "
                + ":totp_secret, :totp_alg, :totp_code_length, :totp_time_step, :totp_skew, NULL, :passkey, :passkey_credential_id, "
                + ":passkey_sign_count, :passkey_challenge, :passkey_challenge_expires_at, :created_at, :updated_at)"), factor)
                .bind("account_sid", factor.accountSid().value())
                .bind("service_sid", factor.serviceSid().value())
                .bind("entity_sid", factor.entitySid().value())
                .bind("identity", factor.identity())
                .bind("factor_type", factor.type().wireName())
                .bind("status", factor.status().wireName())
                .bind("failed_attempts", factor.failedAttempts())
                .bind("metadata", StorageJson.writeMap(factor.metadata()))
                .bind("public_key", factor.binding() instanceof PushBinding p ? p.publicKey() : null)
                .bind("credential_sid", factor.binding() instanceof PushBinding p ? p.credentialSid().value() : null)
                .bind("app_id", factor.binding() instanceof PushBinding p ? p.appId() : null)
                .bind("totp_secret", factor.binding() instanceof TotpBinding t
                        ? sealer.seal(t.secret().base32(), TOTP_SECRET.associatedData(factor.sid().value())) : null)
                .bind("passkey", factor.binding() instanceof PasskeyBinding k ? PasskeyColumns.document(k) : null)
                .bind("passkey_credential_id", factor.binding() instanceof PasskeyBinding k
                        ? k.credential().map(PasskeyBinding.Credential::credentialId).orElse(null) : null)
                .bind("passkey_sign_count", factor.binding() instanceof PasskeyBinding k
                        ? k.credential().map(PasskeyBinding.Credential::signCount).orElse(null) : null)
                .bind("passkey_challenge", factor.binding() instanceof PasskeyBinding k
                        ? k.registration().map(PasskeyBinding.Registration::challenge).orElse(null) : null)
                .bind("passkey_challenge_expires_at", factor.binding() instanceof PasskeyBinding k
                        ? k.registration().map(r -> r.expiresAt().toEpochMilli()).orElse(null) : null)
                .bind("created_at", factor.dateCreated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Factor> find(Sid entitySid, Sid factorSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM factors WHERE sid = :sid AND entity_sid = :entity")
                .bind("sid", factorSid.value())
                .bind("entity", entitySid.value())
                .map((rs, ctx) -> map(rs, 0))
                .findOne());
    }

    @Override
    public Optional<DeviceFactor> findDevice(String credentialSid) {
        // One statement on the unique credential_sid index and three primary keys: everything a device
        // request is judged by.
        return jdbi.withHandle(h -> h.createQuery(DEVICE_READ)
                .bind("credential", credentialSid)
                .map((rs, ctx) -> {
                    int entityAt = C.count();
                    int serviceAt = entityAt + JdbcEntityStore.C.count();
                    return new DeviceFactor(map(rs, 0), JdbcEntityStore.map(rs, entityAt), JdbcServiceStore.map(rs, serviceAt),
                            rs.getInt(serviceAt + JdbcServiceStore.C.count() + 1) == 1);
                })
                .findOne());
    }

    @Override
    public Page<Factor> list(Sid entitySid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM factors WHERE entity_sid = :entity",
                Map.of("entity", entitySid.value()), page, (rs, ctx) -> map(rs, 0)));
    }

    @Override
    public int count(Sid entitySid, FactorType type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM factors WHERE entity_sid = :entity AND factor_type = :type")
                .bind("entity", entitySid.value())
                .bind("type", type.wireName())
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public boolean publicKeyExists(Sid entitySid, String publicKey) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM factors WHERE entity_sid = :entity AND public_key = :key")
                .bind("entity", entitySid.value())
                .bind("key", publicKey)
                .mapTo(Integer.class)
                .one()) > 0;
    }

    @Override
    public boolean update(Factor factor) {
        return jdbi.withHandle(h -> bindMutable(h.createUpdate("UPDATE factors SET friendly_name = :friendly_name, "
                + "sdk_version = :sdk_version, notification_platform = :notification_platform, "
                + "notification_token = :notification_token, totp_alg = :totp_alg, totp_code_length = :totp_code_length, "
                // A new token clears the unregistered mark a push provider set on the old one (SET reads the old row).
                + "notification_token_status = CASE WHEN notification_token = :notification_token "
                + "THEN notification_token_status ELSE NULL END, "
                + "totp_time_step = :totp_time_step, totp_skew = :totp_skew, updated_at = :updated_at WHERE sid = :sid"), factor)
                .execute()) == 1;
    }

    @Override
    public boolean markVerified(Sid factorSid, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE factors SET status = 'verified', "
                + "failed_attempts = failed_attempts - 1, updated_at = :now "
                + "WHERE sid = :sid AND status = 'unverified' AND failed_attempts > 0")
                .bind("sid", factorSid.value())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public OptionalInt takeVerificationAttempt(Sid factorSid, int maxAttempts) {
        // One conditional write decides whether the proof may be judged at all; it locks the row until
        // the caller's transaction ends, so the count read back is this call's own.
        return jdbi.withHandle(h -> {
            int changed = h.createUpdate("UPDATE factors SET failed_attempts = failed_attempts + 1 "
                    + "WHERE sid = :sid AND status = 'unverified' AND failed_attempts < :max")
                    .bind("sid", factorSid.value())
                    .bind("max", maxAttempts)
                    .execute();
            if (changed == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(h.createQuery("SELECT failed_attempts FROM factors WHERE sid = :sid")
                    .bind("sid", factorSid.value())
                    .mapTo(Integer.class)
                    .one());
        });
    }

    @Override
    public Optional<TotpGuesses> countTotpGuess(Sid factorSid, Instant now) {
        return jdbi.withHandle(h -> {
            int changed = h.createUpdate("UPDATE factors SET totp_failures = totp_failures + 1 "
                    + "WHERE sid = :sid AND (totp_locked_until IS NULL OR totp_locked_until <= :now)")
                    .bind("sid", factorSid.value())
                    .bind("now", now.toEpochMilli())
                    .execute();
            return changed == 0 ? Optional.empty() : Optional.of(totpGuesses(factorSid));
        });
    }

    @Override
    public TotpGuesses totpGuesses(Sid factorSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT totp_failures, totp_lockouts, totp_locked_until FROM factors "
                + "WHERE sid = :sid")
                .bind("sid", factorSid.value())
                .map((rs, ctx) -> {
                    long until = rs.getLong("totp_locked_until");
                    Optional<Instant> lockedUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
                    return new TotpGuesses(rs.getInt("totp_failures"), rs.getInt("totp_lockouts"), lockedUntil);
                })
                .one());
    }

    @Override
    public void lockOutTotp(Sid factorSid, Instant until) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE factors SET totp_locked_until = :until, totp_lockouts = totp_lockouts + 1, "
                + "totp_failures = 0 WHERE sid = :sid")
                .bind("sid", factorSid.value())
                .bind("until", until.toEpochMilli())
                .execute());
    }

    @Override
    public void clearTotpGuesses(Sid factorSid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE factors SET totp_failures = 0, totp_lockouts = 0, totp_locked_until = NULL "
                + "WHERE sid = :sid")
                .bind("sid", factorSid.value())
                .execute());
    }

    @Override
    public boolean advanceTotpCounter(Sid factorSid, long counter) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE factors SET totp_last_counter = :counter "
                + "WHERE sid = :sid AND (totp_last_counter IS NULL OR totp_last_counter < :counter)")
                .bind("sid", factorSid.value())
                .bind("counter", counter)
                .execute()) == 1;
    }

    @Override
    public void lock(Sid factorSid) {
        // A write that changes nothing takes the row lock on PostgreSQL, as SELECT ... FOR UPDATE
        // would, with SQL SQLite also accepts (JdbcEntityStore.lock does the same for entities).
        jdbi.useHandle(h -> h.createUpdate("UPDATE factors SET updated_at = updated_at WHERE sid = :sid")
                .bind("sid", factorSid.value())
                .execute());
    }

    @Override
    public void recordCreation(Factor factor, Instant forgetUpTo) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM factor_creations WHERE service_sid = :service AND identity = :identity "
                            + "AND created_at <= :forget")
                    .bind("service", factor.serviceSid().value())
                    .bind("identity", factor.identity())
                    .bind("forget", forgetUpTo.toEpochMilli())
                    .execute();
            h.createUpdate("INSERT INTO factor_creations (factor_sid, service_sid, identity, created_at) "
                            + "VALUES (:sid, :service, :identity, :created)")
                    .bind("sid", factor.sid().value())
                    .bind("service", factor.serviceSid().value())
                    .bind("identity", factor.identity())
                    .bind("created", factor.dateCreated().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public Optional<Instant> nthNewestCreationAfter(Sid serviceSid, String identity, Instant after, int n) {
        return jdbi.withHandle(h -> h.createQuery("SELECT created_at FROM factor_creations WHERE service_sid = :service "
                        + "AND identity = :identity AND created_at > :after ORDER BY created_at DESC LIMIT 1 OFFSET :skip")
                .bind("service", serviceSid.value())
                .bind("identity", identity)
                .bind("after", after.toEpochMilli())
                .bind("skip", n - 1)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }

    @Override
    public boolean delete(Sid entitySid, Sid factorSid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM factors WHERE sid = :sid AND entity_sid = :entity")
                .bind("sid", factorSid.value())
                .bind("entity", entitySid.value())
                .execute()) == 1;
    }

    private static <S extends SqlStatement<S>> S bindMutable(S statement, Factor factor) {
        statement.bind("sid", factor.sid().value())
                .bind("friendly_name", factor.friendlyName())
                .bind("updated_at", factor.dateUpdated().toEpochMilli());
        FactorBinding binding = factor.binding();
        PushBinding push = binding instanceof PushBinding p ? p : null;
        TotpParameters totp = binding instanceof TotpBinding t ? t.parameters() : null;
        return statement
                .bind("sdk_version", push == null ? null : push.sdkVersion())
                .bind("notification_platform", push == null ? null : push.notificationPlatform().wireName())
                .bind("notification_token", push == null ? null : push.notificationToken().orElse(null))
                .bind("totp_alg", totp == null ? null : totp.algorithm().wireName())
                .bind("totp_code_length", totp == null ? null : totp.codeLength())
                .bind("totp_time_step", totp == null ? null : (int) totp.timeStep().toSeconds())
                .bind("totp_skew", totp == null ? null : totp.skew());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The factor in the row's columns {@code o + 1} on, as {@link #COLUMNS} lists them ({@code 0} for a plain read). */
    private Factor map(ResultSet rs, int o) throws SQLException {
        FactorBinding binding = switch (rs.getString(o + C.of("factor_type"))) {
            case "push" -> new PushBinding(rs.getString(o + C.of("public_key")), new Sid(SidType.CREDENTIAL, rs.getString(o + C.of("credential_sid"))),
                    rs.getString(o + C.of("app_id")), rs.getString(o + C.of("sdk_version")),
                    NotificationPlatform.fromWire(rs.getString(o + C.of("notification_platform"))).orElseThrow(),
                    Optional.ofNullable(rs.getString(o + C.of("notification_token"))));
            case "totp" -> {
                long last = rs.getLong(o + C.of("totp_last_counter"));
                OptionalLong lastCounter = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
                yield new TotpBinding(new TotpSecret(sealer.open(rs.getString(o + C.of("totp_secret")),
                        TOTP_SECRET.associatedData(rs.getString(o + C.of("sid"))))), new TotpParameters(
                        TotpAlgorithm.fromWire(rs.getString(o + C.of("totp_alg"))).orElseThrow(),
                        rs.getInt(o + C.of("totp_code_length")), Duration.ofSeconds(rs.getInt(o + C.of("totp_time_step"))), rs.getInt(o + C.of("totp_skew"))),
                        lastCounter);
            }
            case "passkeys" -> PasskeyColumns.read(rs.getString(o + C.of("passkey")), nullableLong(rs, o + C.of("passkey_sign_count")),
                    rs.getString(o + C.of("passkey_challenge")), nullableLong(rs, o + C.of("passkey_challenge_expires_at")));
            default -> throw new IllegalStateException("unknown factor type in row " + rs.getString(o + C.of("sid")));
        };
        return new Factor(
                new Sid(SidType.FACTOR, rs.getString(o + C.of("sid"))),
                new Sid(SidType.ACCOUNT, rs.getString(o + C.of("account_sid"))),
                new Sid(SidType.SERVICE, rs.getString(o + C.of("service_sid"))),
                new Sid(SidType.ENTITY, rs.getString(o + C.of("entity_sid"))),
                rs.getString(o + C.of("identity")),
                rs.getString(o + C.of("friendly_name")),
                FactorStatus.fromWire(rs.getString(o + C.of("status"))).orElseThrow(),
                binding,
                StorageJson.readMap(rs.getString(o + C.of("metadata"))),
                rs.getInt(o + C.of("failed_attempts")),
                Instant.ofEpochMilli(rs.getLong(o + C.of("created_at"))),
                Instant.ofEpochMilli(rs.getLong(o + C.of("updated_at"))));
    }
}
