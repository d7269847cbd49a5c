package dev.assent.server.storage;

import dev.assent.server.push.PushJob;
import dev.assent.server.push.PushJobStatus;
import dev.assent.server.push.PushJobStore;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Push jobs in SQL. Leases and outcomes are conditional updates on the lease, portable to SQLite and
 * PostgreSQL; every write joins the caller's transaction (the worker owns them).
 */
public final class JdbcPushJobStore implements PushJobStore {

    private static final String COLUMNS = "id, account_sid, service_sid, entity_sid, challenge_sid, factor_sid, notification_sid, "
            + "expires_at, attempts, created_at";
    private static final int MAX_DETAIL = 255;

    private final Jdbi jdbi;

    public JdbcPushJobStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(PushJob job) {
        // Joins the caller's transaction (the challenge or notification insert).
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO push_jobs (" + COLUMNS + ", status, next_attempt_at, updated_at) VALUES "
                + "(:id, :account_sid, :service_sid, :entity_sid, :challenge_sid, :factor_sid, :notification_sid, :expires_at, "
                + ":attempts, :created_at, 'pending', :created_at, :created_at)")
                .bind("id", job.id())
                .bind("account_sid", job.accountSid().value())
                .bind("service_sid", job.serviceSid().value())
                .bind("entity_sid", job.entitySid().value())
                .bind("challenge_sid", job.challengeSid().value())
                .bind("factor_sid", job.factorSid().value())
                .bind("notification_sid", job.notificationSid().map(Sid::value).orElse(null))
                .bind("expires_at", job.expiresAt().toEpochMilli())
                .bind("attempts", job.attempts())
                .bind("created_at", job.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public List<PushJob> due(Instant now, Set<String> excludedAccounts, int limit) {
        SqlLists.NotIn notExcluded = SqlLists.andNotIn("account_sid", "excluded", excludedAccounts);
        return jdbi.withHandle(h -> notExcluded.bind(h.createQuery("SELECT " + COLUMNS + " FROM push_jobs WHERE status = 'pending' "
                + "AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now) AND " + JdbcAccountStore.ACCOUNT_ACTIVE
                + " " + notExcluded.sql() + "ORDER BY next_attempt_at, id LIMIT :limit"))
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public Optional<PushJob> lease(String id, String owner, Instant now, Instant until) {
        // Another node may have leased it since it was listed: the WHERE repeats the condition.
        boolean won = jdbi.withHandle(h -> h.createUpdate("UPDATE push_jobs SET lease_owner = :owner, lease_until = :until, "
                + "attempts = attempts + 1, updated_at = :now WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now "
                + "AND (lease_until IS NULL OR lease_until <= :now) AND " + JdbcAccountStore.ACCOUNT_ACTIVE)
                .bind("owner", owner)
                .bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute()) == 1;
        if (!won) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM push_jobs WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public void finish(String id, String owner, PushJobStatus status, String detail, Instant now) {
        release(id, owner, "status = :status, last_error = :detail", now,
                u -> u.bind("status", status.name().toLowerCase(Locale.ROOT)).bind("detail", truncate(detail)));
    }

    @Override
    public void retryAt(String id, String owner, Instant nextAttempt, String detail, Instant now) {
        release(id, owner, "next_attempt_at = :next, last_error = :detail", now,
                u -> u.bind("next", nextAttempt.toEpochMilli()).bind("detail", truncate(detail)));
    }

    @Override
    public void defer(String id, String owner, Instant nextAttempt, Instant now) {
        release(id, owner, "next_attempt_at = :next, attempts = attempts - 1", now, u -> u.bind("next", nextAttempt.toEpochMilli()));
    }

    /** Sets {@code changes} and frees the lease, if {@code owner} still holds it. */
    private void release(String id, String owner, String changes, Instant now, Consumer<Update> binds) {
        jdbi.useHandle(h -> {
            Update update = h.createUpdate("UPDATE push_jobs SET " + changes + ", lease_owner = NULL, lease_until = NULL, "
                    + "updated_at = :now WHERE id = :id AND lease_owner = :owner")
                    .bind("now", now.toEpochMilli())
                    .bind("id", id)
                    .bind("owner", owner);
            binds.accept(update);
            update.execute();
        });
    }

    @Override
    public boolean tokenUnregistered(Sid factorSid, String token) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM factors WHERE sid = :sid AND notification_token = :token "
                + "AND notification_token_status = 'unregistered'")
                .bind("sid", factorSid.value())
                .bind("token", token)
                .mapTo(Integer.class)
                .one()) > 0;
    }

    @Override
    public void markTokenUnregistered(Sid factorSid, String token) {
        // Only if the token is unchanged: a device that re-registered meanwhile keeps its new token usable.
        jdbi.useHandle(h -> h.createUpdate("UPDATE factors SET notification_token_status = 'unregistered' "
                + "WHERE sid = :sid AND notification_token = :token")
                .bind("sid", factorSid.value())
                .bind("token", token)
                .execute());
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    private static PushJob map(ResultSet rs) throws SQLException {
        return new PushJob(
                rs.getString("id"),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                new Sid(SidType.ENTITY, rs.getString("entity_sid")),
                new Sid(SidType.CHALLENGE, rs.getString("challenge_sid")),
                new Sid(SidType.FACTOR, rs.getString("factor_sid")),
                Optional.ofNullable(rs.getString("notification_sid")).map(v -> new Sid(SidType.NOTIFICATION, v)),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
