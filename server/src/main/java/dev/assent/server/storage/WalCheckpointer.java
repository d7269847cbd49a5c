package dev.assent.server.storage;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints the embedded database's write-ahead log from a thread of its own, so the group commit's
 * writer never does. By default SQLite checkpoints inside the commit that grows the WAL past 1,000
 * pages: that commit, and every request queued behind the one writer, then waits for the pages to be
 * copied into the database file and for its fsync. Here a {@code PASSIVE} checkpoint, which takes no lock
 * a writer or reader waits for, runs every {@link #INTERVAL} on a connection of its own while the writer
 * goes on appending; the writer's connections keep an automatic checkpoint only as a backstop, at
 * {@link #BACKSTOP_PAGES}, should this thread fall behind. Durability is unchanged: a commit is on disk
 * when its WAL frames are (synchronous=FULL); the checkpoint only moves them into the main file.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** How often the log is checkpointed: often enough that it stays a few megabytes under full write load. */
    static final Duration INTERVAL = Duration.ofMillis(250);
    /** The WAL size, in pages, at which a commit checkpoints after all (SQLite's default is 1,000). */
    static final int BACKSTOP_PAGES = 16_000;

    private final Jdbi jdbi;
    private final Thread thread;
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile boolean stopping;

    WalCheckpointer(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = Thread.ofPlatform().daemon().name("assent-sqlite-checkpoint").unstarted(this::run);
    }

    WalCheckpointer start() {
        thread.start();
        return this;
    }

    /** Checkpoints that copied at least one frame into the database file, since the start. */
    long checkpoints() {
        return checkpoints.get();
    }

    private void run() {
        while (!stopping) {
            try {
                Thread.sleep(INTERVAL);
                checkpoint();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A busy or closing database: the next round, or the backstop, checkpoints instead.
                if (!stopping) {
                    log.debug("WAL checkpoint skipped: {}", e.toString());
                }
            }
        }
    }

    /** One PASSIVE checkpoint: (busy, frames in the log, frames checkpointed). */
    private void checkpoint() {
        Map<String, Object> result = jdbi.withHandle(h -> h.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().one());
        Object copied = result.get("checkpointed");
        if (copied instanceof Number n && n.longValue() > 0) {
            checkpoints.incrementAndGet();
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
