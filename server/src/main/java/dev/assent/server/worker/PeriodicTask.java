package dev.assent.server.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task every {@code interval} on its own thread until closed, as a sweep needs. A failed run is
 * logged and the next one comes on schedule. Closing never interrupts (the task may be in JDBC): it
 * counts down a latch the thread waits on, and joins it for at most {@code stopGrace}.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private final Duration stopGrace;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    public PeriodicTask(String name, Duration interval, Duration stopGrace, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.stopGrace = stopGrace;
        this.task = task;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    public PeriodicTask start() {
        thread.start();
        return this;
    }

    /** Whether its thread is running: started, not closed, and not ended by an error the task threw. */
    public boolean alive() {
        return thread.isAlive();
    }

    private void loop() {
        do {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (stopping.getCount() > 0) {
                    log.warn("{} failed: {}", name, e.toString());
                }
            }
            try {
                if (stopping.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (true);
    }

    @Override
    public void close() {
        stopping.countDown();
        try {
            thread.join(Math.max(1, stopGrace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
