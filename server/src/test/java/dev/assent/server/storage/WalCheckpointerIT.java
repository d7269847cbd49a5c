package dev.assent.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL is checkpointed beside the writer, on a real SQLite file: the writer's own commits leave the log
 * to grow well past SQLite's default 1,000-page automatic checkpoint, and the checkpointer's thread then
 * copies all of it into the database file.
 */
class WalCheckpointerIT {

    @TempDir
    Path dir;

    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void commitsDoNotCheckpointAndTheCheckpointerCopiesTheWholeLog() throws InterruptedException {
        database = Database.sqlite(dir);
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE wal_rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
        // Every connection of the pool keeps only the backstop.
        for (int i = 0; i < 3; i++) {
            int pages = database.jdbi().withHandle(h -> h.select("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
            assertThat(pages).isEqualTo(WalCheckpointer.BACKSTOP_PAGES);
        }
        // With the checkpointer stopped, about 3,000 pages of commits through the group commit stay in the log.
        database.checkpointer().close();
        String value = "x".repeat(1800);
        for (int batch = 0; batch < 60; batch++) {
            int first = batch * 100;
            database.inTransaction(() -> {
                database.jdbi().useHandle(h -> {
                    for (int id = first; id < first + 100; id++) {
                        h.execute("INSERT INTO wal_rows (id, v) VALUES (?, ?)", id, value);
                    }
                });
                return null;
            });
        }
        long logged = walFrames();
        assertThat(logged).as("frames the commits left in the WAL").isGreaterThan(2_000);

        // A running checkpointer copies them all in the background.
        WalCheckpointer running = new WalCheckpointer(database.jdbi()).start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (running.checkpoints() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(running.checkpoints()).as("background checkpoints").isPositive();
        } finally {
            running.close();
        }
        Map<String, Object> state = checkpoint(database);
        assertThat(((Number) state.get("checkpointed")).longValue()).as("every frame is in the database file")
                .isEqualTo(((Number) state.get("log")).longValue());
        int rows = database.jdbi().withHandle(h -> h.select("SELECT count(*) FROM wal_rows").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(6_000);
    }

    /** The frames the WAL file holds (a 32-byte header, then 24 bytes and a 4,096-byte page a frame), read without checkpointing. */
    private long walFrames() {
        try {
            return (Files.size(dir.resolve(Database.DATABASE_FILE + "-wal")) - 32) / (24 + 4096);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> checkpoint(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().one());
    }
}
