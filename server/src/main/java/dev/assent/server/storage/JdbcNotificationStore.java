package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.notification.Notification;
import dev.assent.server.notification.NotificationStore;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Challenge notifications in SQL. */
public final class JdbcNotificationStore implements NotificationStore {

    private static final String COLUMNS = "sid, account_sid, service_sid, entity_sid, identity, challenge_sid, ttl, created_at";

    private final Jdbi jdbi;

    public JdbcNotificationStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Insertion insertIfChallengePending(Notification n, Instant now, int max) {
        return jdbi.withHandle(h -> {
            // The no-op UPDATE locks the challenge row until the transaction ends (PostgreSQL; SQLite
            // has one writer anyway), so the count below cannot be raced by another request.
            h.createUpdate("UPDATE challenges SET updated_at = updated_at WHERE sid = :challenge_sid")
                    .bind("challenge_sid", n.challengeSid().value())
                    .execute();
            // INSERT … SELECT … WHERE: the challenge's state and its count are the guard, read by the same statement.
            int inserted = h.createUpdate("INSERT INTO notifications (" + COLUMNS + ") "
                    + "SELECT :sid, :account_sid, :service_sid, :entity_sid, :identity, sid, :ttl, :created_at FROM challenges "
                    + "WHERE sid = :challenge_sid AND entity_sid = :entity_sid AND factor_type = 'push' AND status = 'pending' "
                    + "AND expires_at > :now "
                    + "AND (SELECT COUNT(*) FROM notifications WHERE challenge_sid = :challenge_sid) < :max")
                    .bind("sid", n.sid().value())
                    .bind("account_sid", n.accountSid().value())
                    .bind("service_sid", n.serviceSid().value())
                    .bind("entity_sid", n.entitySid().value())
                    .bind("identity", n.identity())
                    .bind("challenge_sid", n.challengeSid().value())
                    .bind("ttl", (int) n.ttl().toSeconds())
                    .bind("created_at", n.dateCreated().toEpochMilli())
                    .bind("now", now.toEpochMilli())
                    .bind("max", max)
                    .execute();
            if (inserted == 1) {
                return Insertion.RECORDED;
            }
            int existing = h.createQuery("SELECT COUNT(*) FROM notifications WHERE challenge_sid = :challenge_sid")
                    .bind("challenge_sid", n.challengeSid().value())
                    .mapTo(Integer.class)
                    .one();
            return existing >= max ? Insertion.LIMIT_REACHED : Insertion.CHALLENGE_NOT_PENDING;
        });
    }

    @Override
    public Page<Notification> list(Sid challengeSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM notifications WHERE challenge_sid = :challenge",
                Map.of("challenge", challengeSid.value()), page, (rs, ctx) -> map(rs)));
    }

    private static Notification map(ResultSet rs) throws SQLException {
        return new Notification(
                new Sid(SidType.NOTIFICATION, rs.getString("sid")),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                new Sid(SidType.ENTITY, rs.getString("entity_sid")),
                rs.getString("identity"),
                new Sid(SidType.CHALLENGE, rs.getString("challenge_sid")),
                Duration.ofSeconds(rs.getInt("ttl")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
