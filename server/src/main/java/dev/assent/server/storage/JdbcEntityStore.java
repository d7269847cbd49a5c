package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.entity.Entity;
import dev.assent.server.entity.EntityStore;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Entities in SQL. */
public final class JdbcEntityStore implements EntityStore {

    /** Every column, in the order the mappers of joined reads select them ({@link Columns#aliased}). */
    static final String COLUMNS = "sid, account_sid, service_sid, identity, created_at, updated_at";
    /** Where each of {@link #COLUMNS} is in a row that selects them from {@code o + 1} on. */
    static final Columns.Positions C = Columns.positions(COLUMNS);

    /** Two primary-key reads in one statement: the service, and its entity of the identity if there is one. */
    private static final String WITH_SERVICE = "SELECT " + Columns.qualified("s", JdbcServiceStore.COLUMNS) + ", "
            + Columns.qualified("e", COLUMNS) + " FROM services s LEFT JOIN entities e ON e.service_sid = s.sid AND e.identity = :identity "
            + "WHERE s.sid = :service AND s.account_sid = :account";

    private final Jdbi jdbi;

    public JdbcEntityStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Entity insertIfAbsent(Entity entity) {
        return jdbi.withHandle(h -> {
            // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): a concurrent first enrollment of
            // the same identity ends with one entity, and both callers get it.
            h.createUpdate("INSERT INTO entities (" + COLUMNS + ") VALUES (:sid, :account_sid, :service_sid, :identity, "
                    + ":created_at, :updated_at) ON CONFLICT (service_sid, identity) DO NOTHING")
                    .bind("sid", entity.sid().value())
                    .bind("account_sid", entity.accountSid().value())
                    .bind("service_sid", entity.serviceSid().value())
                    .bind("identity", entity.identity())
                    .bind("created_at", entity.dateCreated().toEpochMilli())
                    .bind("updated_at", entity.dateUpdated().toEpochMilli())
                    .execute();
            return find(entity.serviceSid(), entity.identity()).orElseThrow();
        });
    }

    @Override
    public boolean insert(Entity entity) {
        Entity stored = insertIfAbsent(entity);
        return stored.sid().equals(entity.sid());
    }

    @Override
    public Optional<Entity> find(Sid serviceSid, String identity) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM entities WHERE service_sid = :service AND identity = :identity")
                .bind("service", serviceSid.value())
                .bind("identity", identity)
                .map((rs, ctx) -> map(rs, 0))
                .findOne());
    }

    @Override
    public Optional<InService> findWithService(Sid accountSid, Sid serviceSid, String identity) {
        return jdbi.withHandle(h -> h.createQuery(WITH_SERVICE)
                .bind("service", serviceSid.value())
                .bind("account", accountSid.value())
                .bind("identity", identity)
                .map((rs, ctx) -> new InService(JdbcServiceStore.map(rs, 0),
                        rs.getString(JdbcServiceStore.C.count() + C.of("sid")) == null ? Optional.empty()
                                : Optional.of(map(rs, JdbcServiceStore.C.count()))))
                .findOne());
    }

    @Override
    public Page<Entity> list(Sid serviceSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM entities WHERE service_sid = :service",
                Map.of("service", serviceSid.value()), page, (rs, ctx) -> map(rs, 0)));
    }

    @Override
    public void lock(Sid entitySid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE entities SET updated_at = updated_at WHERE sid = :sid")
                .bind("sid", entitySid.value())
                .execute());
    }

    @Override
    public boolean delete(Sid serviceSid, String identity) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM entities WHERE service_sid = :service AND identity = :identity")
                .bind("service", serviceSid.value())
                .bind("identity", identity)
                .execute()) == 1;
    }

    /** The entity in the row's columns {@code o + 1} on, as {@link #COLUMNS} lists them ({@code 0} for a plain read). */
    static Entity map(ResultSet rs, int o) throws SQLException {
        return new Entity(new Sid(SidType.ENTITY, rs.getString(o + C.of("sid"))), new Sid(SidType.ACCOUNT, rs.getString(o + C.of("account_sid"))),
                new Sid(SidType.SERVICE, rs.getString(o + C.of("service_sid"))), rs.getString(o + C.of("identity")),
                Instant.ofEpochMilli(rs.getLong(o + C.of("created_at"))), Instant.ofEpochMilli(rs.getLong(o + C.of("updated_at"))));
    }
}
