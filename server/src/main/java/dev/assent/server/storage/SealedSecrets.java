package dev.assent.server.storage;

import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.secrets.UnsealableSecretException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work over every {@link SealedColumn}: checking at start that the keys open what is stored, sealing
 * the plaintext rows of an older database, re-sealing under the active key ({@code assent encryption
 * rotate}) and counting rows by key ({@code assent encryption status}). Rows are read in small batches
 * in id order; each batch is one transaction whose updates are conditional on the row still holding
 * the value that was read, so servers keep writing beside it and nothing they write is lost.
 */
public final class SealedSecrets {

    private static final Logger log = LoggerFactory.getLogger(SealedSecrets.class);

    /** Rows per transaction: short write locks (SQLite has one writer), a few round trips per thousand rows. */
    public static final int BATCH_SIZE = 100;
    /** Rows of each column whose key ids the start check samples. */
    static final int SAMPLE_SIZE = 50;
    /** What status reports for rows an older Assent wrote unsealed. */
    public static final String PLAINTEXT = "plaintext";

    private final Database database;
    private final SecretSealer sealer;

    public SealedSecrets(Database database, SecretSealer sealer) {
        this.database = database;
        this.sealer = sealer;
    }

    /** A row's id and its stored value. */
    private record Row(String id, String value) {
    }

    /** The result of a pass: rows re-sealed, and rows another writer changed meanwhile (left as that writer wrote them). */
    public record Resealed(long resealed, long changedMeanwhile) {
    }

    /**
     * Refuses keys that cannot open what is stored, before anything is written: for each column, one
     * row per key id among its first rows must open. The message names the row and key id, never a value.
     */
    public void checkKeys() {
        for (SealedColumn column : SealedColumn.values()) {
            Map<String, Row> byKey = new LinkedHashMap<>();
            for (Row row : batch(column, "", SAMPLE_SIZE)) {
                SecretSealer.keyId(row.value()).ifPresent(id -> byKey.putIfAbsent(id, row));
            }
            for (Map.Entry<String, Row> sample : byKey.entrySet()) {
                try {
                    sealer.open(sample.getValue().value(), column.associatedData(sample.getValue().id()));
                } catch (UnsealableSecretException e) {
                    throw new IllegalArgumentException("the encryption keys " + sealer.keys().ids() + " cannot open the stored "
                            + "secrets (" + column.label() + " of " + sample.getValue().id() + ", sealed with key "
                            + sample.getKey() + "): start with the keys that sealed this database");
                }
            }
        }
    }

    /** Seals every plaintext row (an older Assent's) under the active key; returns how many it sealed. */
    public long sealPlaintext() {
        long sealed = pass(value -> !SecretSealer.isSealed(value)).resealed();
        if (sealed > 0) {
            database.scrubRewrittenPages();
            log.info("sealed {} plaintext secrets under key {}", sealed, sealer.activeKeyId());
        }
        return sealed;
    }

    /** Re-seals every row not sealed by the active key (plaintext included) under it. */
    public Resealed rotate() {
        String active = sealer.activeKeyId();
        Resealed result = pass(value -> !SecretSealer.keyId(value).map(active::equals).orElse(false));
        database.scrubRewrittenPages();
        return result;
    }

    /** How many rows of each column each key id seals ({@link #PLAINTEXT} for unsealed rows). */
    public Map<SealedColumn, Map<String, Long>> status() {
        Map<SealedColumn, Map<String, Long>> counts = new LinkedHashMap<>();
        for (SealedColumn column : SealedColumn.values()) {
            Map<String, Long> byKey = new TreeMap<>();
            String after = "";
            List<Row> rows;
            do {
                rows = batch(column, after, BATCH_SIZE * 10);
                for (Row row : rows) {
                    byKey.merge(SecretSealer.keyId(row.value()).orElse(PLAINTEXT), 1L, Long::sum);
                }
                after = rows.isEmpty() ? after : rows.get(rows.size() - 1).id();
            } while (rows.size() == BATCH_SIZE * 10);
            counts.put(column, byKey);
        }
        return counts;
    }

    private Resealed pass(Predicate<String> needsSealing) {
        long resealed = 0;
        long changed = 0;
        for (SealedColumn column : SealedColumn.values()) {
            String after = "";
            List<Row> rows;
            do {
                String from = after;
                List<Row> read = batch(column, from, BATCH_SIZE);
                rows = read;
                long[] outcome = database.inTransaction(() -> resealBatch(column, read, needsSealing));
                resealed += outcome[0];
                changed += outcome[1];
                after = rows.isEmpty() ? after : rows.get(rows.size() - 1).id();
            } while (rows.size() == BATCH_SIZE);
        }
        return new Resealed(resealed, changed);
    }

    private long[] resealBatch(SealedColumn column, List<Row> rows, Predicate<String> needsSealing) {
        long resealed = 0;
        long changed = 0;
        for (Row row : rows) {
            if (!needsSealing.test(row.value())) {
                continue;
            }
            String associatedData = column.associatedData(row.id());
            String plaintext = SecretSealer.isSealed(row.value()) ? sealer.open(row.value(), associatedData) : row.value();
            String next = sealer.seal(plaintext, associatedData);
            // Conditional on the value read: a server that rewrote the row meanwhile (a new auth token,
            // an updated credential) wins, and its write is not overwritten with the old secret.
            int updated = database.jdbi().withHandle(h -> h.createUpdate("UPDATE " + column.table() + " SET " + column.column()
                    + " = :next WHERE " + column.idColumn() + " = :id AND " + column.column() + " = :read")
                    .bind("next", next)
                    .bind("id", row.id())
                    .bind("read", row.value())
                    .execute());
            if (updated == 1) {
                resealed++;
            } else {
                changed++;
            }
        }
        return new long[] {resealed, changed};
    }

    private List<Row> batch(SealedColumn column, String after, int size) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT " + column.idColumn() + " AS id, " + column.column()
                + " AS value FROM " + column.table() + " WHERE " + column.idColumn() + " > :after AND " + column.column()
                + " IS NOT NULL ORDER BY " + column.idColumn() + " LIMIT :size")
                .bind("after", after)
                .bind("size", size)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("value")))
                .list());
    }
}
