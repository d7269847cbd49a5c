package dev.assent.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Group commit for the embedded SQLite database: the write transactions of all threads queue to one
 * writer thread, which runs as many as are waiting (up to {@link Limits#maxBatch} and
 * {@link Limits#maxBatchTime}) inside one SQLite transaction and commits them with one fsync.
 *
 * <p>Each request runs in its own {@code SAVEPOINT}: a request whose work throws is rolled back to its
 * savepoint alone, its exception goes to its caller alone, and the batch goes on. A caller gets its
 * result only after the batch's {@code COMMIT} returned (with {@code synchronous=FULL}, after the WAL's
 * fsync), so a 2xx still means on disk. If the commit fails, or SQLite lost the transaction (a failed
 * {@code ROLLBACK TO}, as after a disk-full error), every request of the batch fails and nothing of it
 * is kept.
 *
 * <p>The work runs on the writer thread, where the stores' {@code jdbi.withHandle} calls join the
 * batch's handle; an {@code inTransaction} called from inside a request's work joins that request (as
 * JDBI's nested transactions did). The caller's logging context (MDC) is carried over to the writer
 * for the request. The queue is bounded: a caller waits at most {@link Limits#enqueueTimeout} for room,
 * then fails.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /**
     * The bounds: a batch ends after {@code maxBatch} requests or once it has run {@code maxBatchTime}
     * (so the first request of a batch waits for its commit at most about that long plus one request);
     * at most {@code queueCapacity} requests wait, each at most {@code enqueueTimeout} for room.
     */
    record Limits(int maxBatch, Duration maxBatchTime, int queueCapacity, Duration enqueueTimeout) {
        static final Limits DEFAULT = new Limits(64, Duration.ofMillis(10), 1024, Duration.ofSeconds(10));

        Limits {
            if (maxBatch < 1 || queueCapacity < 1 || maxBatchTime.isNegative() || enqueueTimeout.isNegative()) {
                throw new IllegalArgumentException("group commit limits out of range");
            }
        }
    }

    private final Jdbi jdbi;
    private final Limits limits;
    private final BlockingQueue<Request<?>> queue;
    private final Thread writer;
    private volatile boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    GroupCommit(Jdbi jdbi, Limits limits) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.limits = Objects.requireNonNull(limits);
        this.queue = new ArrayBlockingQueue<>(limits.queueCapacity());
        this.writer = new Thread(this::run, "assent-sqlite-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next batch and returns its result once that batch is committed. */
    <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work);
        if (Thread.currentThread() == writer) {
            return work.get(); // nested: joins the request that is running
        }
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
        Request<T> request = new Request<>(work, MDC.getCopyOfContextMap());
        boolean queued;
        try {
            queued = queue.offer(request, limits.enqueueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database writer", e);
        }
        if (!queued) {
            throw new IllegalStateException("the database write queue stayed full for " + limits.enqueueTimeout().toSeconds() + " s");
        }
        if (closed && queue.remove(request)) {
            throw new IllegalStateException("the database is closed");
        }
        return request.await();
    }

    /** Batches committed or failed so far. */
    long batches() {
        return batches.get();
    }

    /** Requests run so far, in all batches. */
    long requests() {
        return requests.get();
    }

    /** Requests waiting for the writer. */
    int queued() {
        return queue.size();
    }

    private void run() {
        while (true) {
            Request<?> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first != null) {
                runBatch(first);
            } else if (closed) {
                return;
            }
        }
    }

    private void runBatch(Request<?> first) {
        List<Request<?>> ran = new ArrayList<>();
        RuntimeException batchFailure = null;
        try {
            jdbi.useHandle(handle -> {
                handle.begin();
                boolean committed = false;
                try {
                    long deadline = System.nanoTime() + limits.maxBatchTime().toNanos();
                    Request<?> next = first;
                    while (next != null) {
                        ran.add(next);
                        runInSavepoint(handle, next);
                        if (ran.size() >= limits.maxBatch() || System.nanoTime() - deadline >= 0) {
                            break;
                        }
                        next = queue.poll();
                    }
                    handle.commit();
                    committed = true;
                } finally {
                    if (!committed) {
                        rollbackQuietly(handle);
                    }
                }
            });
        } catch (RuntimeException e) {
            batchFailure = e;
            log.error("a batch of {} write transactions failed as a whole and was rolled back", ran.size(), e);
        } catch (Error e) {
            batchFailure = new IllegalStateException("the database writer failed", e);
            log.error("a batch of {} write transactions failed as a whole and was rolled back", ran.size(), e);
        } finally {
            batches.incrementAndGet();
            requests.addAndGet(ran.size());
            for (Request<?> request : ran) {
                if (batchFailure != null && request.failure == null) {
                    request.failure = batchFailure;
                }
                request.done.countDown();
            }
            if (ran.isEmpty()) {
                // the handle could not even be opened: the first request fails with that
                first.failure = batchFailure != null ? batchFailure : new IllegalStateException("the database writer failed");
                first.done.countDown();
            }
        }
    }

    /**
     * Runs one request in its own savepoint. A failure of the work is the request's own; a failure of
     * the savepoint statements means the transaction is gone, and is thrown to fail the batch.
     */
    private static void runInSavepoint(Handle handle, Request<?> request) {
        handle.execute("SAVEPOINT request");
        Map<String, String> callerContext = request.mdc;
        if (callerContext != null) {
            MDC.setContextMap(callerContext);
        }
        try {
            request.run();
        } finally {
            MDC.clear();
        }
        if (request.failure == null) {
            handle.execute("RELEASE request");
        } else {
            handle.execute("ROLLBACK TO request");
            handle.execute("RELEASE request");
        }
    }

    private static void rollbackQuietly(Handle handle) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            log.warn("rolling back a failed batch failed too", e);
        }
    }

    /** Stops taking requests, lets the writer finish what is queued, and fails whatever is left. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Request<?> left;
        while ((left = queue.poll()) != null) {
            left.failure = new IllegalStateException("the database is closed");
            left.done.countDown();
        }
    }

    private static final class Request<T> {
        final Supplier<T> work;
        final Map<String, String> mdc;
        final CountDownLatch done = new CountDownLatch(1);
        T result;
        Throwable failure;

        Request(Supplier<T> work, Map<String, String> mdc) {
            this.work = work;
            this.mdc = mdc;
        }

        void run() {
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Waits for the batch (not cut short by an interrupt: the caller must learn the outcome). */
        T await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure); // a sneaky checked exception from the work
            }
            return result;
        }
    }
}
