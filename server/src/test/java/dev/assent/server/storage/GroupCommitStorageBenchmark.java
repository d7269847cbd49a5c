package dev.assent.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A small bounded benchmark of durable write transactions on the embedded database alone (not a
 * test): {@code threads} threads each commit one-row inserts (a 200-byte row, synchronous=FULL) until
 * {@code transactions} were run or 60 s passed, first the way writes ran before group commit (a fair
 * lock, then one JDBI transaction and one commit per request), then through {@link Database#inTransaction}
 * (group commit), each on a fresh file. Run with the server's test classpath:
 * {@code java -cp server/target/test-classes:server/target/classes:server/target/libs/* dev.assent.server.storage.GroupCommitStorageBenchmark 32 5000}.
 */
public final class GroupCommitStorageBenchmark {

    private GroupCommitStorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int transactions = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        for (int round = 1; round <= 2; round++) {
            measure("lock, one commit each", threads, transactions, database -> {
                ReentrantLock lock = new ReentrantLock(true);
                return new Runner() {
                    @Override
                    public <T> T inTransaction(Supplier<T> work) {
                        lock.lock();
                        try {
                            return database.jdbi().inTransaction(h -> work.get());
                        } finally {
                            lock.unlock();
                        }
                    }
                };
            });
            measure("group commit", threads, transactions, database -> database::inTransaction);
        }
    }

    private interface Runner {
        <T> T inTransaction(Supplier<T> work);
    }

    private interface RunnerFactory {
        Runner of(Database database);
    }

    private static void measure(String label, int threads, int transactions, RunnerFactory factory) throws Exception {
        Path dir = Files.createTempDirectory("assent-gc-storage-bench");
        try (Database database = Database.sqlite(dir)) {
            database.jdbi().useHandle(h -> h.execute("CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
            Runner runner = factory.of(database);
            String value = "x".repeat(200);
            long batchesBefore = database.groupCommit().batches();
            AtomicInteger next = new AtomicInteger();
            long[] latencies = new long[transactions];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    all.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < transactions && System.nanoTime() < deadline) {
                            int id = i;
                            long t0 = System.nanoTime();
                            runner.inTransaction(() -> database.jdbi().withHandle(h ->
                                    h.execute("INSERT INTO bench_rows (id, v) VALUES (?, ?)", id, value)));
                            latencies[i] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int done = Math.min(next.get(), transactions);
            long[] sorted = Arrays.copyOf(latencies, done);
            Arrays.sort(sorted);
            long batches = database.groupCommit().batches() - batchesBefore;
            System.out.printf("%-22s %d threads: %d commits-worth in %.2f s, %.0f tx/s, p50 %.2f ms, p99 %.2f ms, writer batches %d%n",
                    label, threads, done, seconds, done / seconds, sorted[done / 2] / 1e6, sorted[(int) (done * 0.99)] / 1e6, batches);
        }
    }
}
