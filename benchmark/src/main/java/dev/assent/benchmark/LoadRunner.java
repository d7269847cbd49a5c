package dev.assent.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Runs a workload closed-loop: {@code clients} virtual threads, each sending its next request as
 * soon as the previous one answered, for a warm-up and then a measured window, and then stops; also
 * when the phase has made {@code maxIterations} iterations, whichever comes first.
 *
 * <p>A workload of one request kind judged by its status runs its clients on one selector thread
 * ({@link SelectorClients}); any other (the push round trip) runs each client on a platform thread with its own
 * keep-alive connection from the pool: a blocking read on a platform thread is one system call, where a virtual
 * thread's goes through the poller and the scheduler, which costs the load generator's core more per request.
 *
 * <p>An iteration is recorded in the phase it started in, so the JIT warm-up, connection set-up and
 * first database pages stay out of the results. Closed-loop clients wait for the server, so latency
 * is what a client saw at this concurrency; {@link OpenLoop} measures a constant arrival rate.
 */
final class LoadRunner {

    /** Pause after a failed iteration, so that a broken server does not turn the run into a spin. */
    private static final long ERROR_BACKOFF_MILLIS = 10;
    private static final long CAP_POLL_MILLIS = 20;

    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final long maxIterations;
    private final ServerSideConnections connections;
    private static final long CLIENT_STACK_BYTES = 512 * 1024;

    private final LongSupplier serverCpuNanos;
    private final ServerProfiler profiler;

    LoadRunner(int clients, Duration warmup, Duration duration, long maxIterations, ServerSideConnections connections,
            LongSupplier serverCpuNanos, ServerProfiler profiler) {
        this.profiler = profiler;
        this.clients = clients;
        this.warmup = warmup;
        this.duration = duration;
        this.maxIterations = maxIterations;
        this.connections = connections;
        this.serverCpuNanos = serverCpuNanos;
    }

    PhaseResult run(Workload workload, LoopbackHttp http) throws InterruptedException {
        Measurement warming = new Measurement();
        AtomicReference<Measurement> current = new AtomicReference<>(warming);
        // Also a hard stop for each client, whatever happens to this thread.
        long hardDeadline = System.nanoTime() + warmup.plus(duration).plus(LoopbackHttp.REQUEST_TIMEOUT).toNanos();
        Stop stop = new Stop();
        AtomicLong iterations = new AtomicLong();

        List<Thread> threads = new ArrayList<>(clients);
        SelectorClients selector = workload.selectorClients(http, clients);
        if (selector != null) {
            threads.add(Thread.ofPlatform().daemon().name("clients-selector")
                    .start(() -> selector.run(current, warming, () -> stop.now, hardDeadline, iterations, maxIterations)));
        } else {
            List<Workload.Client> loops = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                loops.add(workload.client(i, http));
            }
            for (int i = 0; i < clients; i++) {
                Workload.Client loop = loops.get(i);
                threads.add(Thread.ofPlatform().daemon().stackSize(CLIENT_STACK_BYTES).name("client-", i)
                        .start(() -> clientLoop(loop, current, warming, stop, hardDeadline, iterations, maxIterations)));
            }
        }

        Thread.sleep(warmup);
        // jcmd takes a moment: the recording starts while the warm-up load still runs, before the window.
        profiler.start(workload.name());
        DeviceTokens tokens = workload.tokens();
        long lateAtStart = tokens == null ? 0 : tokens.signedLate();
        Measurement measured = new Measurement();
        CpuUsage.Sample cpuAtStart = CpuUsage.sample();
        long serverCpuAtStart = serverCpuNanos.getAsLong();
        iterations.set(0);
        long start = System.nanoTime();
        current.set(measured);
        long windowEnd = start + duration.toNanos();
        while (System.nanoTime() < windowEnd && iterations.get() < maxIterations) {
            Thread.sleep(Math.max(1, Math.min(CAP_POLL_MILLIS, (windowEnd - System.nanoTime()) / 1_000_000)));
        }
        OptionalInt open = connections.count();
        stop.now = true;
        long end = System.nanoTime();
        long serverCpu = serverCpuNanos.getAsLong();
        CpuUsage.Load cpu = CpuUsage.between(cpuAtStart, CpuUsage.sample());
        long late = tokens == null ? -1 : tokens.signedLate() - lateAtStart;

        int stuck = 0;
        for (Thread thread : threads) {
            if (!thread.join(LoopbackHttp.REQUEST_TIMEOUT.plusSeconds(5))) {
                thread.interrupt();
                stuck++;
            }
        }
        return new PhaseResult(workload.name(), workload.iteration(), workload.reportedSteps(), clients,
                Duration.ofNanos(end - start), measured.histograms(), measured.errors(), warming.errors(),
                merged(warming.errorSamples(), measured.errorSamples()), open, stuck, cpu,
                serverCpu < 0 || serverCpuAtStart < 0 ? -1 : serverCpu - serverCpuAtStart, Double.NaN,
                Runtime.getRuntime().availableProcessors(), late, profiler.stop());
    }

    private static void clientLoop(Workload.Client loop, AtomicReference<Measurement> current, Measurement warming, Stop stop,
            long hardDeadline, AtomicLong iterations, long maxIterations) {
        try {
            // The cap counts measured iterations only.
            while (!stop.now && System.nanoTime() < hardDeadline
                    && (current.get() == warming || iterations.incrementAndGet() <= maxIterations)) {
                if (!loop.iterate(current.get())) {
                    Thread.sleep(ERROR_BACKOFF_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> merged(List<String> warmup, List<String> measured) {
        List<String> all = new ArrayList<>();
        warmup.forEach(s -> all.add("(warm-up) " + s));
        all.addAll(measured);
        return all;
    }

    /** The stop signal; volatile so every client sees it on its next iteration. */
    private static final class Stop {
        volatile boolean now;
    }
}
