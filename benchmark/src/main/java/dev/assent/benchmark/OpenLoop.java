package dev.assent.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The device fetch at a constant arrival rate (open loop): request {@code i} is due at
 * {@code start + i / rate}, whatever happened to the ones before, and its latency is measured from that
 * intended send time, so a stall of the server (or of the load generator) shows as latency of every
 * request that should have been sent during it instead of being hidden by clients that wait
 * (coordinated omission). Bounded by its duration, by a request count, and by a cap on requests in flight.
 */
final class OpenLoop {

    /** Requests in flight at most; beyond it the dispatcher waits, and the wait counts as latency. */
    static final int MAX_IN_FLIGHT = 2048;

    private final double rate;
    private final Duration duration;
    private final long maxRequests;
    private final ServerSideConnections connections;
    private final LongSupplier serverCpuNanos;

    OpenLoop(double rate, Duration duration, long maxRequests, ServerSideConnections connections, LongSupplier serverCpuNanos) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("open-loop rate must be positive, not " + rate);
        }
        this.rate = rate;
        this.duration = duration;
        this.maxRequests = maxRequests;
        this.connections = connections;
        this.serverCpuNanos = serverCpuNanos;
    }

    PhaseResult run(List<Device> devices, List<String> challengePaths, LoopbackHttp http) throws InterruptedException {
        Measurement measured = new Measurement();
        long count = Math.min(maxRequests, Math.max(1, (long) (rate * duration.toNanos() / 1e9)));
        double intervalNanos = 1e9 / rate;
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
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
                measured.error(Step.OPEN_FETCH, "the load generator fell behind the schedule by more than the request timeout");
                break;
            }
            inFlight.acquire();
            int index = (int) (i % devices.size());
            Thread.ofVirtual().name("open-loop-", i).start(() -> {
                try {
                    fetch(devices.get(index), challengePaths.get(index), http, measured, intended);
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
        return new PhaseResult(String.format(java.util.Locale.ROOT, "device fetch, open loop at %,.0f/s", rate), Step.OPEN_FETCH,
                List.of(Step.OPEN_FETCH), MAX_IN_FLIGHT, Duration.ofNanos(end - start), measured.histograms(), measured.errors(), 0,
                measured.errorSamples(), open, drained ? 0 : 1, cpu,
                serverCpu < 0 || serverCpuAtStart < 0 ? -1 : serverCpu - serverCpuAtStart, rate);
    }

    private static void fetch(Device device, String path, LoopbackHttp http, Measurement measured, long intended) {
        try {
            LoopbackHttp.Reply reply = http.get(path, device.signer().authorization(Instant.now()));
            long done = System.nanoTime();
            if (reply.status() != 200) {
                measured.error(Step.OPEN_FETCH, reply.abbreviated());
                return;
            }
            measured.record(Step.OPEN_FETCH, done - intended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            measured.error(Step.OPEN_FETCH, "interrupted");
        } catch (RuntimeException e) {
            measured.error(Step.OPEN_FETCH, e.toString());
        }
    }
}
