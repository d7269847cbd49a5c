package dev.assent.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound on how long one request may take to arrive: from its first line to the last byte of its
 * body, at most the request timeout. Helidon has no read timeout on server connections, and its idle
 * check only interrupts a connection that is between requests, so a client sending its headers or
 * body a byte at a time (or not at all) would hold a connection and a thread for as long as it liked.
 *
 * <p>When a request line has been read, its connection's thread is given a deadline; the handler
 * {@linkplain #arrived() ends it} once the body is in. A watchdog interrupts a thread still reading
 * past its deadline: a virtual thread blocked on a socket read is then released and its socket
 * closed. The deadline is ended under a lock shared with the watchdog, so an interrupt is never left
 * behind for the code that runs after the body was read (the database, the response).
 */
public final class RequestDeadlines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);

    private final long timeoutNanos;
    private final Map<Thread, Deadline> reading = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "assent-request-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public RequestDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long periodMillis = Math.max(50, Math.min(1000, timeout.toMillis() / 8));
        watchdog.scheduleWithFixedDelay(this::interruptLate, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts a request's deadline when its request line has been read (on the connection's own thread). */
    public Http1ConnectionListener listener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                reading.put(Thread.currentThread(), new Deadline(Thread.currentThread(), System.nanoTime() + timeoutNanos));
            }
        };
    }

    /**
     * Ends the deadline of requests whose handler does not end it itself (the console's static files),
     * and closes a connection whose request or response said {@code Connection: close}: Helidon sends
     * the header but would otherwise wait for the next request on it.
     */
    public Filter filter() {
        return (chain, req, res) -> {
            try {
                chain.proceed();
            } finally {
                arrived();
            }
            if (req.headers().contains(HeaderValues.CONNECTION_CLOSE) || res.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                throw new CloseConnectionException("Connection: close");
            }
        };
    }

    /** The nano-time by which the current thread's request must have arrived, or now plus the timeout. */
    long deadline() {
        Deadline deadline = reading.get(Thread.currentThread());
        return deadline == null ? System.nanoTime() + timeoutNanos : deadline.at;
    }

    /**
     * Ends the current thread's deadline: its request has arrived in full.
     *
     * @return false when the deadline had passed and the thread was interrupted (the flag is cleared)
     */
    boolean arrived() {
        Deadline deadline = reading.remove(Thread.currentThread());
        if (deadline == null) {
            return true;
        }
        synchronized (deadline) {
            if (deadline.fired) {
                Thread.interrupted();
                return false;
            }
            deadline.ended = true;
            return true;
        }
    }

    private void interruptLate() {
        long now = System.nanoTime();
        for (Deadline deadline : reading.values()) {
            if (now - deadline.at > 0) {
                synchronized (deadline) {
                    if (!deadline.ended && !deadline.fired) {
                        deadline.fired = true;
                        log.debug("request not received within {} ms; closing its connection", TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                        deadline.thread.interrupt();
                    }
                }
            }
            // A connection that failed before its handler ran (a framing error, a client gone) never ends
            // its deadline; its entry is dropped once it is well past.
            if (now - deadline.at > timeoutNanos) {
                reading.remove(deadline.thread, deadline);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private static final class Deadline {
        final Thread thread;
        final long at;
        boolean fired;
        boolean ended;

        Deadline(Thread thread, long at) {
            this.thread = thread;
            this.at = at;
        }
    }
}
