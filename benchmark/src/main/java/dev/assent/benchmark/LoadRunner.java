package dev.assent.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a workload closed-loop: {@code clients} virtual threads, each sending its next request as
 * soon as the previous one answered, for a warm-up and then a measured window, and then stops.
 *
 * <p>An iteration is recorded in the phase it started in, so the JIT warm-up, connection set-up and
 * first database pages stay out of the results. Closed-loop clients wait for the server, so latency
 * is what a client saw at this concurrency, not what an open arrival rate would see beyond saturation.
 */
final class LoadRunner {

    /** Pause after a failed iteration, so that a broken server does not turn the run into a spin. */
    private static final long ERROR_BACKOFF_MILLIS = 10;

    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final ServerSideConnections connections;

    LoadRunner(int clients, Duration warmup, Duration duration, ServerSideConnections connections) {
        this.clients = clients;
        this.warmup = warmup;
        this.duration = duration;
        this.connections = connections;
    }

    PhaseResult run(Workload workload, HttpClients http) throws InterruptedException {
        Measurement warming = new Measurement();
        AtomicReference<Measurement> current = new AtomicReference<>(warming);
        // Also a hard stop for each client, whatever happens to this thread.
        long hardDeadline = System.nanoTime() + warmup.plus(duration).plus(LoopbackHttp.REQUEST_TIMEOUT).toNanos();
        Stop stop = new Stop();

        List<Workload.Client> loops = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            loops.add(workload.client(i, http.forClient(i)));
        }
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Workload.Client loop = loops.get(i);
            threads.add(Thread.ofVirtual().name("client-", i).start(() -> clientLoop(loop, current, stop, hardDeadline)));
        }

        Thread.sleep(warmup);
        Measurement measured = new Measurement();
        CpuUsage.Sample cpuAtStart = CpuUsage.sample();
        long start = System.nanoTime();
        current.set(measured);
        Thread.sleep(duration);
        OptionalInt open = connections.count();
        stop.now = true;
        long end = System.nanoTime();
        CpuUsage.Load cpu = CpuUsage.between(cpuAtStart, CpuUsage.sample());

        int stuck = 0;
        for (Thread thread : threads) {
            if (!thread.join(LoopbackHttp.REQUEST_TIMEOUT.plusSeconds(5))) {
                thread.interrupt();
                stuck++;
            }
        }
        return new PhaseResult(workload.name(), workload.iteration(), workload.reportedSteps(), clients,
                Duration.ofNanos(end - start), measured.histograms(), measured.errors(), warming.errors(),
                merged(warming.errorSamples(), measured.errorSamples()), open, stuck, cpu);
    }

    private static void clientLoop(Workload.Client loop, AtomicReference<Measurement> current, Stop stop, long hardDeadline) {
        try {
            while (!stop.now && System.nanoTime() < hardDeadline) {
                if (!loop.iterate(current.get())) {
                    Thread.sleep(ERROR_BACKOFF_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> merged(List<String> warmup, List<String> measured) {
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
