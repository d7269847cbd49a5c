package dev.assent.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HexFormat;
import org.postgresql.PGConnection;

/**
 * Puts challenges straight into the running server's database, much faster than the API could: a
 * second connection (SQLite: the data directory's file, in WAL mode beside the server's, prepared
 * batches; PostgreSQL: a connection of its own, {@code COPY … FROM STDIN} in CSV), in
 * transactions of {@link #BATCH} rows, so that the server's own writers wait at most one batch.
 *
 * <p>Each row is a copy of a challenge the server itself created through the API (its columns as the
 * server wrote them), with a fresh SID and the times and status of a challenge that lived a normal
 * life: answered or expired (stored as the expiry sweep leaves it), and a few still pending.
 */
final class ListSeeder implements AutoCloseable {

    static final int BATCH = 10_000;
    /** Live pending challenges of an entity: what the default pending push cap and creation limits allow one user. */
    static final int LIVE_PENDING = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final boolean postgres;

    private ListSeeder(Connection connection, boolean postgres) {
        this.connection = connection;
        this.postgres = postgres;
    }

    /** Opens the second connection to the database {@code target} points the server at. */
    static ListSeeder open(TargetDatabase target) throws SQLException {
        Map<String, String> env = target.serverEnvironment();
        String url = env.get("ASSENT_DATABASE_URL");
        if (url != null) {
            Connection c = DriverManager.getConnection(url, env.get("ASSENT_DATABASE_USER"), null);
            c.setAutoCommit(false);
            return new ListSeeder(c, true);
        }
        String file = env.get("ASSENT_DATA_DIR") + "/assent.db";
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            s.execute("PRAGMA cache_size = -262144");
            // The server has the file in WAL mode already; NORMAL syncs at checkpoints, not per batch.
            s.execute("PRAGMA synchronous = NORMAL");
        }
        c.setAutoCommit(false);
        return new ListSeeder(c, false);
    }

    /** A row as the server wrote it: the template every seeded row of one entity is copied from. */
    record Template(List<String> columns, Map<String, Object> values) {
        String entitySid() {
            return (String) values.get("entity_sid");
        }
    }

    Template template(String challengeSid) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM challenges WHERE sid = ?")) {
            s.setString(1, challengeSid);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no challenge " + challengeSid + " in the server's database");
                }
                ResultSetMetaData meta = r.getMetaData();
                List<String> columns = new ArrayList<>();
                Map<String, Object> values = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                    columns.add(column);
                    values.put(column, r.getObject(i));
                }
                connection.commit();
                return new Template(List.copyOf(columns), values);
            }
        }
    }

    /**
     * Inserts {@code count} challenges copied from {@code template}, created one every
     * {@code spacingMillis} and ending {@code newestMillis}, the newest first in time order; the newest
     * {@code livePending} are pending until {@code liveUntilMillis}, the others ended: of each ten, three
     * expired, two denied, five approved.
     */
    void seed(Template template, long count, long newestMillis, long spacingMillis, int livePending, long liveUntilMillis)
            throws SQLException {
        List<String> columns = template.columns();
        String sql = "INSERT INTO challenges (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        // SIDs ascending within one call (a random prefix, then a counter): the primary key's B-tree is
        // appended to instead of written at random, which is most of what makes a million rows quick.
        // The list order is (created_at, sid), and no two seeded rows of an entity share a millisecond.
        byte[] prefix = new byte[4];
        RANDOM.nextBytes(prefix);
        String sidPrefix = "YC" + HexFormat.of().formatHex(prefix);
        try (PreparedStatement insert = postgres ? null : connection.prepareStatement(sql)) {
            StringBuilder csv = new StringBuilder();
            int inBatch = 0;
            for (long i = 0; i < count; i++) {
                long created = newestMillis - (count - 1 - i) * spacingMillis;
                Map<String, Object> row = new HashMap<>(template.values());
                row.put("sid", sidPrefix + String.format("%024x", i));
                row.put("created_at", created);
                row.put("responded_reason", "none");
                if (i >= count - livePending) {
                    row.put("status", "pending");
                    row.put("expires_at", liveUntilMillis);
                    row.put("responded_at", null);
                    row.put("updated_at", created);
                    row.put("expiry_emitted_at", null);
                } else {
                    long expires = created + 300_000;
                    row.put("expires_at", expires);
                    switch ((int) (i % 10)) {
                        case 0, 1, 2 -> {
                            row.put("status", "expired");
                            row.put("responded_at", null);
                            row.put("updated_at", expires);
                            row.put("expiry_emitted_at", expires + 1_000);
                        }
                        case 3, 4 -> answered(row, "denied", created + 2_000);
                        default -> answered(row, "approved", created + 2_000);
                    }
                }
                if (postgres) {
                    csvRow(csv, columns, row);
                } else {
                    for (int c = 0; c < columns.size(); c++) {
                        insert.setObject(c + 1, row.get(columns.get(c)));
                    }
                    insert.addBatch();
                }
                if (++inBatch == BATCH) {
                    flush(insert, csv, columns);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                flush(insert, csv, columns);
            }
        }
    }

    /** Writes the batch: SQLite's prepared batch, or PostgreSQL's {@code COPY … FROM STDIN} of the CSV. */
    private void flush(PreparedStatement insert, StringBuilder csv, List<String> columns) throws SQLException {
        if (postgres) {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY challenges (" + String.join(", ", columns)
                        + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY failed", e);
            }
            csv.setLength(0);
        } else {
            insert.executeBatch();
        }
        connection.commit();
    }

    /** One CSV line: NULL as an empty unquoted field, text quoted with quotes doubled, numbers as they are. */
    private static void csvRow(StringBuilder csv, List<String> columns, Map<String, Object> row) {
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                csv.append(',');
            }
            Object value = row.get(columns.get(c));
            if (value instanceof String text) {
                csv.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value != null) {
                csv.append(value);
            }
        }
        csv.append('\n');
    }

    private static void answered(Map<String, Object> row, String status, long at) {
        row.put("status", status);
        row.put("responded_at", at);
        row.put("updated_at", at);
        row.put("expiry_emitted_at", null);
    }

    /** The challenges of these entities, counted in the database: what the seeding left there. */
    long count(List<String> entitySids) throws SQLException {
        long total = 0;
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM challenges WHERE entity_sid = ?")) {
            for (String entity : entitySids) {
                s.setString(1, Objects.requireNonNull(entity));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total += r.getLong(1);
                }
            }
        }
        connection.commit();
        return total;
    }

    /**
     * PostgreSQL: {@code ANALYZE challenges}, as autovacuum does after a bulk load, so that the planner
     * knows the table's new size. SQLite: nothing (the server never runs ANALYZE; its planner works
     * from the schema alone).
     */
    void analyze() throws SQLException {
        if (postgres) {
            try (Statement s = connection.createStatement()) {
                s.execute("ANALYZE challenges");
            }
            connection.commit();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
