package dev.assent.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One request kind at a constant arrival rate (open loop): request {@code i} is due at
 * {@code start + i / rate}, whatever happened to the ones before, and its latency is measured from that
 * intended send time, so a stall of the server (or of the load generator) shows as latency of every
 * request that should have been sent during it instead of being hidden by clients that wait
 * (coordinated omission). Bounded by its duration, by a request count, and by a cap on requests in flight.
 * Each request runs on a virtual thread of its own, over a pooled keep-alive connection.
 */
final class OpenLoop {

    /** Requests in flight at most; beyond it the dispatcher waits, and the wait counts as latency. */
    static final int MAX_IN_FLIGHT = 2048;

    /** Request {@code i} of the schedule: sends it and returns the reply; expected status {@link #status()}. */
    interface Requests {
        LoopbackHttp.Reply send(long i);

        int status();

        /** The pre-signed device JWTs it draws from, or null. */
        default DeviceTokens tokens() {
            return null;
        }
    }

    private final double rate;
    private final Duration duration;
    private final long maxRequests;
    private final ServerSideConnections connections;
    private final LongSupplier serverCpuNanos;
    private final ServerProfiler profiler;

    OpenLoop(double rate, Duration duration, long maxRequests, ServerSideConnections connections, LongSupplier serverCpuNanos,
            ServerProfiler profiler) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("open-loop rate must be positive, not " + rate);
        }
        this.rate = rate;
        this.duration = duration;
        this.maxRequests = maxRequests;
        this.connections = connections;
        this.serverCpuNanos = serverCpuNanos;
        this.profiler = profiler;
    }

    /** How many requests the schedule has: rate × duration, at most the request cap. */
    long count() {
        return Math.min(maxRequests, Math.max(1, (long) (rate * duration.toNanos() / 1e9)));
    }

    /** @param what e.g. {@code "device fetch"}; the phase is called {@code "<what>, open loop at <rate>/s"} */
    PhaseResult run(String what, Step step, Requests requests) throws InterruptedException {
        String name = String.format(Locale.ROOT, "%s, open loop at %,.0f/s", what, rate);
        Measurement measured = new Measurement();
        long count = count();
        double intervalNanos = 1e9 / rate;
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        profiler.start(name);
        DeviceTokens tokens = requests.tokens();
        long lateAtStart = tokens == null ? 0 : tokens.signedLate();
        CpuUsage.Sample cpuAtStart = CpuUsage.sample();
        long serverCpuAtStart = serverCpuNanos.getAsLong();
        long start = System.nanoTime();
        long hardDeadline = start + duration.plus(LoopbackHttp.REQUEST_TIMEOUT).toNanos();
        OptionalInt open = OptionalInt.empty();
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() > hardDeadline) {
                measured.error(step, "the load generator fell behind the schedule by more than the request timeout");
                break;
            }
            inFlight.acquire();
            long index = i;
            Thread.ofVirtual().name("open-loop-", i).start(() -> {
                try {
                    send(requests, index, step, measured, intended);
                } finally {
                    inFlight.release();
                }
            });
            if (i == count / 2) {
                open = connections.count();
            }
        }
        boolean drained = inFlight.tryAcquire(MAX_IN_FLIGHT, LoopbackHttp.REQUEST_TIMEOUT.plusSeconds(5).toSeconds(), TimeUnit.SECONDS);
        long end = System.nanoTime();
        long serverCpu = serverCpuNanos.getAsLong();
        CpuUsage.Load cpu = CpuUsage.between(cpuAtStart, CpuUsage.sample());
        long late = tokens == null ? -1 : tokens.signedLate() - lateAtStart;
        return new PhaseResult(name, step, List.of(step), MAX_IN_FLIGHT, Duration.ofNanos(end - start), measured.histograms(),
                measured.errors(), 0, measured.errorSamples(), open, drained ? 0 : 1, cpu,
                serverCpu < 0 || serverCpuAtStart < 0 ? -1 : serverCpu - serverCpuAtStart, rate,
                Runtime.getRuntime().availableProcessors(), late, profiler.stop());
    }

    private static void send(Requests requests, long i, Step step, Measurement measured, long intended) {
        try {
            LoopbackHttp.Reply reply = requests.send(i);
            long done = System.nanoTime();
            if (reply.status() != requests.status()) {
                measured.error(step, reply.abbreviated());
                return;
            }
            measured.record(step, done - intended);
        } catch (RuntimeException e) {
            measured.error(step, e.toString());
        }
    }
}
