package dev.assent.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.webhook.EventType;
import dev.assent.server.webhook.Webhook;
import dev.assent.server.webhook.WebhookStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Webhooks in SQL; event types are a JSON array in a TEXT column. */
public final class JdbcWebhookStore implements WebhookStore {

    private static final String COLUMNS =
            "sid, account_sid, service_sid, friendly_name, event_types, status, version, webhook_url, created_at, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Jdbi jdbi;

    public JdbcWebhookStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean insertIfFewerThan(Webhook w, int max) {
        // The no-op UPDATE locks the service row until the transaction ends (PostgreSQL; SQLite has
        // one writer anyway), so the count in the INSERT's guard cannot be raced by another insert.
        return jdbi.withHandle(h -> {
            h.createUpdate("UPDATE services SET updated_at = updated_at WHERE sid = :service")
                    .bind("service", w.serviceSid().value())
                    .execute();
            return h.createUpdate("INSERT INTO webhooks (" + COLUMNS + ") SELECT :sid, :account_sid, :service_sid, "
                    + ":friendly_name, :event_types, :status, :version, :webhook_url, :created_at, :updated_at "
                    + "WHERE (SELECT COUNT(*) FROM webhooks WHERE service_sid = :service_sid) < :max")
                .bind("max", max)
                .bind("sid", w.sid().value())
                .bind("account_sid", w.accountSid().value())
                .bind("service_sid", w.serviceSid().value())
                .bind("friendly_name", w.friendlyName())
                .bind("event_types", StorageJson.write(w.eventTypes().stream().map(EventType::wireName).toList()))
                .bind("status", w.status().wireName())
                .bind("version", w.version().wireName())
                .bind("webhook_url", w.url().toString())
                .bind("created_at", w.dateCreated().toEpochMilli())
                .bind("updated_at", w.dateUpdated().toEpochMilli())
                .execute() == 1;
        });
    }

    @Override
    public Optional<Webhook> find(Sid serviceSid, Sid webhookSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE sid = :sid AND service_sid = :service")
                .bind("sid", webhookSid.value())
                .bind("service", serviceSid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Page<Webhook> list(Sid serviceSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM webhooks WHERE service_sid = :service",
                Map.of("service", serviceSid.value()), page, (rs, ctx) -> map(rs)));
    }

    @Override
    public List<Webhook> all(Sid serviceSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE service_sid = :service "
                + "ORDER BY created_at, sid")
                .bind("service", serviceSid.value())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public boolean update(Webhook w) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhooks SET friendly_name = :friendly_name, event_types = :event_types, "
                + "status = :status, version = :version, webhook_url = :webhook_url, updated_at = :updated_at "
                + "WHERE sid = :sid AND service_sid = :service")
                .bind("sid", w.sid().value())
                .bind("service", w.serviceSid().value())
                .bind("friendly_name", w.friendlyName())
                .bind("event_types", StorageJson.write(w.eventTypes().stream().map(EventType::wireName).toList()))
                .bind("status", w.status().wireName())
                .bind("version", w.version().wireName())
                .bind("webhook_url", w.url().toString())
                .bind("updated_at", w.dateUpdated().toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean delete(Sid serviceSid, Sid webhookSid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhooks WHERE sid = :sid AND service_sid = :service")
                .bind("sid", webhookSid.value())
                .bind("service", serviceSid.value())
                .execute()) == 1;
    }

    private static Webhook map(ResultSet rs) throws SQLException {
        List<String> types;
        try {
            types = JSON.readValue(rs.getString("event_types"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt event types in the database", e);
        }
        return new Webhook(
                new Sid(SidType.WEBHOOK, rs.getString("sid")),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                new Sid(SidType.SERVICE, rs.getString("service_sid")),
                rs.getString("friendly_name"),
                types.stream().map(t -> EventType.fromWire(t).orElseThrow()).toList(),
                Webhook.Status.fromWire(rs.getString("status")).orElseThrow(),
                Webhook.Version.fromWire(rs.getString("version")).orElseThrow(),
                URI.create(rs.getString("webhook_url")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
