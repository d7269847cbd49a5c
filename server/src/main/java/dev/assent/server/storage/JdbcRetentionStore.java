package dev.assent.server.storage;

import dev.assent.server.retention.Expirable;
import dev.assent.server.retention.RetentionStore;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Retention deletes in SQL: {@code DELETE … WHERE pk IN (SELECT pk … LIMIT n)}, one bounded
 * statement per call, each scan served by an index of V7 (of V14 for passkeys logins). Foreign keys cascade what depends on a
 * deleted row (a factor's challenges and passkeys logins; a challenge's notifications and push jobs).
 *
 * <p>The one dialect difference: on PostgreSQL the inner SELECT locks its rows {@code FOR UPDATE SKIP
 * LOCKED}, so nodes deleting at once take disjoint batches instead of waiting on each other's rows
 * (and never deadlock on them). Without it the result would still be right (a row another node
 * deleted first is found gone, not counted). SQLite has one writer at a time and no row locks.
 */
public final class JdbcRetentionStore implements RetentionStore {

    private final Jdbi jdbi;
    private final String lockRows;

    public JdbcRetentionStore(Database database) {
        this.jdbi = database.jdbi();
        this.lockRows = database.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    @Override
    public int deleteEndedBefore(Expirable kind, Instant cutoff, int limit) {
        String sql = switch (kind) {
            // Never verified, created before the cutoff. A verified factor is never touched.
            case UNVERIFIED_FACTORS -> bounded("factors", "sid", "status = 'unverified' AND created_at < :cutoff");
            // Ended = answered (responded_at) or past its deadline (expires_at, whether or not the
            // expiry was recorded). A pending challenge before its deadline has ended neither way.
            case CHALLENGES -> bounded("challenges", "sid", "(expires_at < :cutoff OR responded_at < :cutoff)");
            // Passkeys logins end the same two ways (approved: responded_at; else their deadline), V14's indexes.
            case PASSKEY_CHALLENGES -> bounded("passkey_challenges", "sid", "(expires_at < :cutoff OR responded_at < :cutoff)");
            // Finished = anything but pending; updated_at is when it finished.
            case PUSH_JOBS -> bounded("push_jobs", "id", "updated_at < :cutoff AND status <> 'pending'");
            case WEBHOOK_DELIVERIES -> bounded("webhook_deliveries", "sid", "updated_at < :cutoff AND status <> 'pending'");
            // Used, or past its expiry; an unused, unexpired token is kept.
            case ACCESS_TOKENS -> bounded("access_tokens", "sid", "(expires_at < :cutoff OR used_at < :cutoff)");
        };
        return jdbi.withHandle(h -> h.createUpdate(sql)
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("limit", limit)
                .execute());
    }

    private String bounded(String table, String key, String condition) {
        return "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table + " WHERE " + condition
                + " LIMIT :limit" + lockRows + ")";
    }
}
