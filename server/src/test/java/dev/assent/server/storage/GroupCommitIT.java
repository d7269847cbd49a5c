package dev.assent.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real SQLite file with real threads. To put several requests into one batch
 * deterministically, a first request holds the writer on a latch while the others queue behind it;
 * released, the writer takes them all into the batch it is running.
 */
class GroupCommitIT {

    @TempDir
    Path dir;

    private Database database;
    private final List<CountDownLatch> gates = new ArrayList<>();

    @AfterEach
    void close() {
        gates.forEach(CountDownLatch::countDown); // never leave the writer held
        if (database != null) {
            database.close();
        }
    }

    private void open(GroupCommit.Limits limits) {
        database = Database.sqlite(dir, Database.Schema.MIGRATE, limits);
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
    }

    /**
     * The default bounds but a batch time long enough that holding the writer on a latch does not end
     * the batch (with the default 10 ms, the held request alone would fill it).
     */
    private void open() {
        open(new GroupCommit.Limits(GroupCommit.Limits.DEFAULT.maxBatch(), Duration.ofSeconds(30),
                GroupCommit.Limits.DEFAULT.queueCapacity(), GroupCommit.Limits.DEFAULT.enqueueTimeout()));
    }

    private void insert(int id) {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO gc_rows (id, v) VALUES (?, ?)", id, "row " + id));
    }

    private int count(int id) {
        return database.jdbi().withHandle(h -> h.select("SELECT count(*) FROM gc_rows WHERE id = ?", id).mapTo(Integer.class).one());
    }

    /** The rows with {@code id} that a second, separate connection to the file sees: only what is committed. */
    private int committedCount(int id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.DATABASE_FILE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM gc_rows WHERE id = " + id)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> database.inTransaction(work), runnable -> {
            Thread thread = new Thread(runnable, "gc-caller");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Submits {@code work} and waits until it is queued behind the held writer (so the order is known). */
    private <T> CompletableFuture<T> submitQueued(Supplier<T> work) throws InterruptedException {
        int before = database.groupCommit().queued();
        CompletableFuture<T> future = submit(work);
        await(() -> database.groupCommit().queued() > before);
        return future;
    }

    /** Holds the writer in a request of its own until the returned gate is opened. */
    private CountDownLatch holdWriter() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        CountDownLatch running = new CountDownLatch(1);
        submit(() -> {
            running.countDown();
            awaitLatch(gate);
            return null;
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return gate;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("condition met within 10 s").isTrue();
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }

    @Test
    void aFailingRequestRollsBackOnlyItselfAndOnlyItsCallerSeesTheException() throws Exception {
        open();
        long batches = database.groupCommit().batches();
        long requests = database.groupCommit().requests();
        CountDownLatch gate = holdWriter();
        CompletableFuture<String> first = submitQueued(() -> {
            insert(1);
            return "first";
        });
        IllegalArgumentException refusal = new IllegalArgumentException("request 2 refused");
        CompletableFuture<String> failing = submitQueued(() -> {
            insert(2);
            assertThat(count(2)).isEqualTo(1);
            throw refusal;
        });
        CompletableFuture<Integer> third = submitQueued(() -> {
            insert(3);
            return count(3) * 10 + count(2); // its own write seen, the rolled-back one not
        });
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(10);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(refusal);
        assertThat(committedCount(1)).isEqualTo(1);
        assertThat(committedCount(2)).isZero();
        assertThat(committedCount(3)).isEqualTo(1);
        // all four ran in one batch: one transaction, one commit
        assertThat(database.groupCommit().batches()).isEqualTo(batches + 1);
        assertThat(database.groupCommit().requests()).isEqualTo(requests + 4);
    }

    @Test
    void aRequestIsAnsweredOnlyAfterItsBatchCommitted() throws Exception {
        open();
        CountDownLatch gate = holdWriter();
        CompletableFuture<String> written = submitQueued(() -> {
            insert(10);
            return "written";
        });
        CountDownLatch laterRunning = new CountDownLatch(1);
        CountDownLatch releaseLater = new CountDownLatch(1);
        gates.add(releaseLater);
        CompletableFuture<String> later = submitQueued(() -> {
            laterRunning.countDown();
            awaitLatch(releaseLater);
            return "later";
        });
        gate.countDown();
        assertThat(laterRunning.await(10, TimeUnit.SECONDS)).isTrue();

        // the first request's work is done (it ran before the later one), but its batch is not committed
        assertThatThrownBy(() -> written.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(committedCount(10)).isZero();

        releaseLater.countDown();
        assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo("written");
        assertThat(committedCount(10)).as("on disk once answered").isEqualTo(1);
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo("later");
    }

    @Test
    void nestedTransactionsJoinTheirRequestAndFailWithIt() throws Exception {
        open();
        assertThat(database.inTransaction(() -> {
            insert(20);
            return database.inTransaction(() -> {
                insert(21);
                return count(20) + count(21);
            });
        })).isEqualTo(2);
        assertThatThrownBy(() -> database.run(() -> {
            insert(22);
            database.run(() -> {
                insert(23);
                throw new IllegalStateException("inner refused");
            });
        })).hasMessage("inner refused");
        assertThat(committedCount(20) + committedCount(21)).isEqualTo(2);
        assertThat(committedCount(22) + committedCount(23)).isZero();
    }

    @Test
    void aStatementErrorRollsBackOnlyItsRequest() throws Exception {
        open();
        insert(30);
        CountDownLatch gate = holdWriter();
        CompletableFuture<Void> duplicate = submitQueued(() -> {
            insert(31);
            insert(30); // primary key violation: SQLite keeps the transaction, the savepoint undoes 31
            return null;
        });
        CompletableFuture<Void> next = submitQueued(() -> {
            insert(32);
            return null;
        });
        gate.countDown();
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        next.get(10, TimeUnit.SECONDS);
        assertThat(committedCount(31)).isZero();
        assertThat(committedCount(32)).isEqualTo(1);
    }

    @Test
    void aBatchEndsAtItsCountBound() throws Exception {
        open(new GroupCommit.Limits(3, Duration.ofSeconds(10), 16, Duration.ofSeconds(10)));
        long batches = database.groupCommit().batches();
        CountDownLatch gate = holdWriter();
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = 40 + i;
            queued.add(submitQueued(() -> {
                insert(id);
                return id;
            }));
        }
        gate.countDown();
        for (int i = 0; i < 5; i++) {
            assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(40 + i);
            assertThat(committedCount(40 + i)).isEqualTo(1);
        }
        assertThat(database.groupCommit().batches()).isEqualTo(batches + 2); // held + 2, then 3
    }

    @Test
    void aBatchEndsOnceItHasRunItsTimeBound() throws Exception {
        open(new GroupCommit.Limits(64, Duration.ZERO, 16, Duration.ofSeconds(10)));
        long batches = database.groupCommit().batches();
        CountDownLatch gate = holdWriter();
        CompletableFuture<Void> a = submitQueued(() -> {
            insert(45);
            return null;
        });
        CompletableFuture<Void> b = submitQueued(() -> {
            insert(46);
            return null;
        });
        gate.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(database.groupCommit().batches()).isEqualTo(batches + 3); // each past the bound once run
    }

    @Test
    void aFullQueueRefusesAfterItsTimeoutAndTheQueuedStillCommit() throws Exception {
        open(new GroupCommit.Limits(64, Duration.ofSeconds(30), 2, Duration.ofMillis(200)));
        CountDownLatch gate = holdWriter();
        CompletableFuture<Void> a = submitQueued(() -> {
            insert(50);
            return null;
        });
        CompletableFuture<Void> b = submitQueued(() -> {
            insert(51);
            return null;
        });
        assertThatThrownBy(() -> database.run(() -> insert(52))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue stayed full");
        gate.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertThat(committedCount(50) + committedCount(51)).isEqualTo(2);
        assertThat(committedCount(52)).isZero();
    }

    @Test
    void aWriteOutsideTheWriterIsNotHeldUpOnceABatchCommitted() throws Exception {
        open(GroupCommit.Limits.DEFAULT);
        database.run(() -> insert(60));
        // autocommit, on a pooled connection: it needs SQLite's write lock, which an idle writer must not
        // hold (if it did, this would fail with SQLITE_BUSY after the 10 s busy timeout)
        insert(61);
        assertThat(committedCount(60) + committedCount(61)).isEqualTo(2);
    }

    @Test
    void concurrentWritersAllCommit() throws Exception {
        open(GroupCommit.Limits.DEFAULT);
        int threads = 16;
        int perThread = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = 1000 + t * perThread;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int id = base + i;
                        database.run(() -> insert(id));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.DATABASE_FILE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(DISTINCT id) FROM gc_rows WHERE id >= 1000")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(threads * perThread);
        }
    }
}
