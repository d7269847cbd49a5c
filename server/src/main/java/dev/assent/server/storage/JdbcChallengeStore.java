package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeDetails;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.ChallengeStore;
import dev.assent.server.challenge.RespondedReason;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Jdbi;

/**
 * Challenges in SQL. A stored {@code pending} row past {@code expires_at} is expired: the status
 * filter and every transition test the deadline against the caller's {@code now}. The expiry sweep
 * writes {@code expired} when it emits the event ({@link #markExpiryEmitted}), which changes nothing a
 * reader sees and keeps the stored pending rows few.
 */
public final class JdbcChallengeStore implements ChallengeStore {

    private static final String COLUMNS = "sid, account_sid, service_sid, entity_sid, identity, factor_sid, factor_type, status, "
            + "responded_reason, details_message, details_fields, details_date, hidden_details, metadata, failed_attempts, "
            + "expires_at, responded_at, created_at, updated_at";
    /** Where each of {@link #COLUMNS} is in a row that selects them. */
    private static final Columns.Positions C = Columns.positions(COLUMNS);

    private final Jdbi jdbi;

    public JdbcChallengeStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(Challenge c) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO challenges (" + COLUMNS + ") VALUES (:sid, :account_sid, :service_sid, "
                + ":entity_sid, :identity, :factor_sid, :factor_type, :status, :responded_reason, :details_message, "
                + ":details_fields, :details_date, :hidden_details, :metadata, :failed_attempts, :expires_at, :responded_at, "
                + ":created_at, :updated_at)")
                .bind("sid", c.sid().value())
                .bind("account_sid", c.accountSid().value())
                .bind("service_sid", c.serviceSid().value())
                .bind("entity_sid", c.entitySid().value())
                .bind("identity", c.identity())
                .bind("factor_sid", c.factorSid().value())
                .bind("factor_type", c.factorType().wireName())
                .bind("status", c.status().wireName())
                .bind("responded_reason", c.respondedReason().wireName())
                .bind("details_message", c.details().message().orElse(null))
                .bind("details_fields", StorageJson.write(c.details().fields()))
                .bind("details_date", c.details().date().map(Instant::toEpochMilli).orElse(null))
                .bind("hidden_details", StorageJson.writeMap(c.hiddenDetails()))
                .bind("metadata", StorageJson.writeMap(c.metadata()))
                .bind("failed_attempts", c.failedAttempts())
                .bind("expires_at", c.expirationDate().toEpochMilli())
                .bind("responded_at", c.dateResponded().map(Instant::toEpochMilli).orElse(null))
                .bind("created_at", c.dateCreated().toEpochMilli())
                .bind("updated_at", c.dateUpdated().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Challenge> find(Sid entitySid, Sid challengeSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM challenges WHERE sid = :sid AND entity_sid = :entity")
                .bind("sid", challengeSid.value())
                .bind("entity", entitySid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Page<Challenge> list(Sid entitySid, Optional<Sid> factorSid, Optional<ChallengeStatus> status, PageRequest page,
            Instant now) {
        // Each filter is an equality prefix of one index ending in (created_at, sid); see Keyset. The
        // factor alone is challenges_by_factor's prefix (V1; V13 dropped V11's entity+factor copy of it):
        // a factor is one entity's, checked here in one row read, so another entity's factor is an
        // empty page without a walk of that factor's challenges.
        // Stored 'pending' rows are the live ones and the expiry sweep's backlog (the sweep writes
        // 'expired'), so the deadline tests below read a short range: the scope's stored pending rows,
        // live (at most the pending push cap per factor by default) or not yet swept. The unary plus
        // (valid on a BIGINT in both databases) keeps the deadline out of index selection, so that
        // SQLite does not pick challenges_pending_by_factor and sort what it finds.
        StringBuilder scope = new StringBuilder("SELECT " + COLUMNS + " FROM challenges WHERE ");
        Map<String, Object> binds = new HashMap<>();
        if (factorSid.isPresent()) {
            if (!factorOf(entitySid, factorSid.get())) {
                return new Page<>(List.of(), false, false);
            }
            binds.put("factor", factorSid.get().value());
            if (status.isEmpty()) {
                scope.append("factor_sid = :factor");
            } else {
                scope.append("entity_sid = :entity AND factor_sid = :factor");
                binds.put("entity", entitySid.value());
            }
        } else {
            scope.append("entity_sid = :entity");
            binds.put("entity", entitySid.value());
        }
        List<String> selects = status.map(s -> switch (s) {
            case PENDING -> {
                binds.put("now", now.toEpochMilli());
                yield List.of(scope + " AND status = 'pending' AND +expires_at > :now");
            }
            // Expired as read at now: written so by the sweep, or pending past the deadline. Two
            // index ranges, paged each and merged.
            case EXPIRED -> {
                binds.put("now", now.toEpochMilli());
                yield List.of(scope + " AND status = 'expired'", scope + " AND status = 'pending' AND +expires_at <= :now");
            }
            case APPROVED, DENIED -> {
                binds.put("status", s.wireName());
                yield List.of(scope + " AND status = :status");
            }
        }).orElse(List.of(scope.toString()));
        return jdbi.withHandle(h -> Keyset.page(h, selects, binds, page, (rs, ctx) -> map(rs)));
    }

    /** Whether the factor is the entity's: one primary-key read of factors. */
    private boolean factorOf(Sid entitySid, Sid factorSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM factors WHERE sid = :factor AND entity_sid = :entity")
                .bind("factor", factorSid.value())
                .bind("entity", entitySid.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }

    @Override
    public QuotaReading readQuota(Sid factorSid, List<QuotaWindow> windows, OptionalInt pendingCap, Instant now) {
        // One scalar subquery per window, each an index range scan on challenges_by_factor (factor_sid,
        // created_at) reading at most n entries; the pending cap's on challenges_pending_by_factor
        // (factor_sid, status, expires_at), see V6.
        List<String> columns = new ArrayList<>();
        Map<String, Object> binds = new HashMap<>();
        binds.put("factor", factorSid.value());
        for (int i = 0; i < windows.size(); i++) {
            columns.add("(SELECT created_at FROM challenges WHERE factor_sid = :factor AND created_at > :after" + i
                    + " ORDER BY created_at DESC LIMIT 1 OFFSET :skip" + i + ") AS window" + i);
            binds.put("after" + i, windows.get(i).after().toEpochMilli());
            binds.put("skip" + i, windows.get(i).n() - 1);
        }
        if (pendingCap.isPresent()) {
            columns.add("(SELECT expires_at FROM challenges WHERE factor_sid = :factor AND status = 'pending' AND expires_at > :now "
                    + "ORDER BY expires_at DESC LIMIT 1 OFFSET :pending_skip) AS pending");
            binds.put("now", now.toEpochMilli());
            binds.put("pending_skip", pendingCap.getAsInt() - 1);
        }
        if (columns.isEmpty()) {
            return new QuotaReading(List.of(), Optional.empty());
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + String.join(", ", columns))
                .bindMap(binds)
                .map((rs, ctx) -> {
                    List<Optional<Instant>> newest = new ArrayList<>();
                    for (int i = 0; i < windows.size(); i++) {
                        newest.add(instant(rs, "window" + i));
                    }
                    return new QuotaReading(newest, pendingCap.isPresent() ? instant(rs, "pending") : Optional.empty());
                })
                .one());
    }

    @Override
    public int expirePendingBeyondNewest(Sid factorSid, int keep, Instant now) {
        // Moving the deadline to now (rather than writing status) keeps one notion of expiry: the
        // challenge reads expired everywhere at once, the push worker skips it, and the expiry
        // sweep emits its challenge.expired event like any other.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE challenges SET expires_at = :now, updated_at = :now "
                        + "WHERE factor_sid = :factor AND status = 'pending' AND expires_at > :now AND sid NOT IN ("
                        + "SELECT sid FROM challenges WHERE factor_sid = :factor AND status = 'pending' AND expires_at > :now "
                        + "ORDER BY created_at DESC, sid DESC LIMIT :keep)")
                .bind("factor", factorSid.value())
                .bind("now", now.toEpochMilli())
                .bind("keep", keep)
                .execute());
    }

    @Override
    public boolean apply(Challenge stored, Challenge next) {
        if (!next.sid().equals(stored.sid())) {
            throw new IllegalArgumentException("a transition keeps the challenge's SID");
        }
        // Compare-and-set on the columns a transition depends on (status, attempts and the deadline):
        // the database evaluates the WHERE under the row lock, so of two requests that decided on the
        // same row, one writes.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE challenges SET status = :status, responded_reason = :reason, "
                + "failed_attempts = :attempts, metadata = :metadata, responded_at = :responded_at, updated_at = :updated_at "
                + "WHERE sid = :sid AND status = :stored_status AND failed_attempts = :stored_attempts "
                + "AND expires_at = :stored_expires_at")
                .bind("sid", stored.sid().value())
                .bind("status", next.status().wireName())
                .bind("reason", next.respondedReason().wireName())
                .bind("attempts", next.failedAttempts())
                .bind("metadata", StorageJson.writeMap(next.metadata()))
                .bind("responded_at", next.dateResponded().map(Instant::toEpochMilli).orElse(null))
                .bind("updated_at", next.dateUpdated().toEpochMilli())
                .bind("stored_status", stored.status().wireName())
                .bind("stored_attempts", stored.failedAttempts())
                // A pending challenge whose deadline moved (replaced as the oldest pending push) was
                // decided on a stale deadline: the write must miss and the caller decide again.
                .bind("stored_expires_at", stored.expirationDate().toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public List<Challenge> expiredWithoutEvent(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM challenges "
                + "WHERE status = 'pending' AND expiry_emitted_at IS NULL AND expires_at <= :now ORDER BY expires_at LIMIT :limit")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public boolean markExpiryEmitted(Sid challengeSid, Instant now) {
        // The expiry is written too, as the challenge has read since its deadline (status expired,
        // updated at the deadline): the list's Status filters then find pending rows in a short range.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE challenges SET expiry_emitted_at = :now, status = 'expired', "
                + "responded_reason = 'none', responded_at = NULL, updated_at = expires_at "
                + "WHERE sid = :sid AND status = 'pending' AND expiry_emitted_at IS NULL AND expires_at <= :now")
                .bind("sid", challengeSid.value())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    /** The challenge in a row that selects {@link #COLUMNS}, read by position. */
    private static Challenge map(ResultSet rs) throws SQLException {
        return new Challenge(
                new Sid(SidType.CHALLENGE, rs.getString(C.of("sid"))),
                new Sid(SidType.ACCOUNT, rs.getString(C.of("account_sid"))),
                new Sid(SidType.SERVICE, rs.getString(C.of("service_sid"))),
                new Sid(SidType.ENTITY, rs.getString(C.of("entity_sid"))),
                rs.getString(C.of("identity")),
                new Sid(SidType.FACTOR, rs.getString(C.of("factor_sid"))),
                FactorType.fromWire(rs.getString(C.of("factor_type"))).orElseThrow(),
                ChallengeStatus.fromWire(rs.getString(C.of("status"))).orElseThrow(),
                RespondedReason.fromWire(rs.getString(C.of("responded_reason"))).orElseThrow(),
                new ChallengeDetails(Optional.ofNullable(rs.getString(C.of("details_message"))),
                        StorageJson.readFields(rs.getString(C.of("details_fields"))), instant(rs, C.of("details_date"))),
                StorageJson.readMap(rs.getString(C.of("hidden_details"))),
                StorageJson.readMap(rs.getString(C.of("metadata"))),
                rs.getInt(C.of("failed_attempts")),
                Instant.ofEpochMilli(rs.getLong(C.of("expires_at"))),
                instant(rs, C.of("responded_at")),
                Instant.ofEpochMilli(rs.getLong(C.of("created_at"))),
                Instant.ofEpochMilli(rs.getLong(C.of("updated_at"))));
    }
}
