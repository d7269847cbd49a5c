package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.webhook.Delivery;
import dev.assent.server.webhook.DeliveryStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook outbox in SQL. Leases and outcomes are conditional updates, so nodes sharing the
 * database never both own a delivery; order per subject is a NOT EXISTS on earlier pending rows.
 */
public final class JdbcDeliveryStore implements DeliveryStore {

    private static final String COLUMNS = "sid, event_id, event_type, account_sid, service_sid, webhook_sid, subject_sid, seq, url, "
            + "body, status, attempts, next_attempt_at, leased_until, last_error, delivered_at, created_at, updated_at";

    private final Jdbi jdbi;

    public JdbcDeliveryStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(Delivery d) {
        // seq follows the subject's previous deliveries to this webhook. The state change that caused
        // the event holds its row's lock in this transaction, so events of one subject get distinct,
        // increasing numbers; the unique constraint guards the rest.
        // (The nullable columns are left out: an untyped NULL in a SELECT list reads as text to PostgreSQL.)
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhook_deliveries (sid, event_id, event_type, account_sid, service_sid, "
                + "webhook_sid, subject_sid, seq, url, body, status, attempts, next_attempt_at, created_at, updated_at) "
                + "SELECT :sid, :event_id, :event_type, :account_sid, :service_sid, :webhook_sid, :subject_sid, "
                + "COALESCE(MAX(seq), 0) + 1, :url, :body, 'pending', 0, :next_attempt_at, :created_at, :created_at "
                + "FROM webhook_deliveries "
                + "WHERE webhook_sid = :webhook_sid AND subject_sid = :subject_sid")
                .bind("sid", d.id().value())
                .bind("event_id", d.eventId())
                .bind("event_type", d.eventType())
                .bind("account_sid", d.accountSid().value())
                .bind("service_sid", d.serviceSid().value())
                .bind("webhook_sid", d.webhookSid().value())
                .bind("subject_sid", d.subjectSid())
                .bind("url", d.url().toString())
                .bind("body", StorageJson.write(d.body()))
                .bind("next_attempt_at", d.nextAttemptAt().toEpochMilli())
                .bind("created_at", d.dateCreated().toEpochMilli())
                .execute());
    }

    @Override
    public List<Delivery> due(Instant now, Set<String> excludedAccounts, int limit) {
        SqlLists.NotIn notExcluded = SqlLists.andNotIn("account_sid", "excluded", excludedAccounts);
        return jdbi.withHandle(h -> notExcluded.bind(h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries d "
                + "WHERE status = 'pending' AND next_attempt_at <= :now AND (leased_until IS NULL OR leased_until < :now) "
                + "AND " + JdbcAccountStore.ACCOUNT_ACTIVE + " " + notExcluded.sql()
                + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_sid = d.webhook_sid "
                + "AND e.subject_sid = d.subject_sid AND e.seq < d.seq AND e.status = 'pending') "
                + "ORDER BY created_at, seq LIMIT :limit"))
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public boolean lease(Sid id, Instant now, Instant until) {
        // The attempt is counted here, before it is made: a delivery whose attempt kills the node (and so
        // never records an outcome) still runs out of attempts.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET leased_until = :until, attempts = attempts + 1 "
                + "WHERE sid = :sid AND status = 'pending' AND (leased_until IS NULL OR leased_until < :now) AND "
                + JdbcAccountStore.ACCOUNT_ACTIVE)
                .bind("sid", id.value())
                .bind("now", now.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean delivered(Sid id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET status = 'delivered', "
                + "leased_until = NULL, last_error = NULL, delivered_at = :now, updated_at = :now WHERE sid = :sid AND status = 'pending'")
                .bind("sid", id.value())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean failed(Sid id, String error, Instant nextAttempt, boolean giveUp, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET status = :status, "
                + "leased_until = NULL, last_error = :error, next_attempt_at = :next, updated_at = :now "
                + "WHERE sid = :sid AND status = 'pending'")
                .bind("sid", id.value())
                .bind("status", giveUp ? "failed" : "pending")
                .bind("error", error.length() > 500 ? error.substring(0, 500) : error)
                .bind("next", nextAttempt.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean deferred(Sid id, Instant nextAttempt, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET attempts = attempts - 1, leased_until = NULL, "
                + "next_attempt_at = :next, updated_at = :now WHERE sid = :sid AND status = 'pending' AND attempts > 0")
                .bind("sid", id.value())
                .bind("next", nextAttempt.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public Optional<Delivery> find(Sid id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE sid = :sid")
                .bind("sid", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Page<Delivery> list(Sid webhookSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_sid = :webhook",
                Map.of("webhook", webhookSid.value()), page, (rs, ctx) -> map(rs)));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        return new Delivery(
                new Sid(SidType.DELIVERY, rs.getString("sid")),
                rs.getString("event_id"),
                rs.getString("event_type"),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                new Sid(SidType.WEBHOOK, rs.getString("webhook_sid")),
                rs.getString("subject_sid"),
                URI.create(rs.getString("url")),
                StorageJson.readMap(rs.getString("body")).orElseThrow(),
                Delivery.State.fromWire(rs.getString("status")).orElseThrow(),
                rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                Optional.ofNullable(rs.getString("last_error")),
                instant(rs, "delivered_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
