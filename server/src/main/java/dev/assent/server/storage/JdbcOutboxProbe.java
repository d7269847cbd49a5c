package dev.assent.server.storage;

import dev.assent.server.metrics.OutboxProbe;
import java.time.Instant;
import java.util.Optional;

/**
 * The outboxes' depth for the metrics: one aggregate query per outbox over the pending rows, which
 * the {@code (status, next_attempt_at)} index of each table serves. Bounded by a 2 s query timeout.
 */
public final class JdbcOutboxProbe implements OutboxProbe {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final Database database;

    public JdbcOutboxProbe(Database database) {
        this.database = database;
    }

    @Override
    public Depth read(Outbox outbox, Instant now) {
        String table = switch (outbox) {
            case PUSH -> "push_jobs";
            case WEBHOOK -> "webhook_deliveries";
        };
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) AS pending, "
                + "MIN(CASE WHEN next_attempt_at <= :now THEN next_attempt_at END) AS oldest_due FROM " + table
                + " WHERE status = 'pending'")
                .setQueryTimeout(QUERY_TIMEOUT_SECONDS)
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> {
                    long oldest = rs.getLong("oldest_due");
                    Optional<Instant> due = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
                    return new Depth(rs.getLong("pending"), due);
                })
                .one());
    }
}
