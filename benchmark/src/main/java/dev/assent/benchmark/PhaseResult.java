package dev.assent.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.HdrHistogram.Histogram;

/**
 * What one measured phase produced.
 *
 * @param workload      the workload's name
 * @param iteration     the step counted as one completed iteration
 * @param steps         the steps to report, headline first
 * @param clients       concurrent clients
 * @param measured      length of the measured window
 * @param latencies     per step, in microseconds, measured window only
 * @param errors        failed requests in the measured window
 * @param warmupErrors  failed requests during warm-up (reported too: they mean something is broken)
 * @param errorSamples  the first few failures, for the report
 * @param connections   server-side established connections near the end of the window, if known
 * @param stuckClients  clients that had not stopped by the deadline and were interrupted
 * @param cpu           cores busy during the measured window, machine-wide and in this JVM (the load generator)
 * @param serverCpuNanos CPU time the server's processes used in the measured window (-1: unknown)
 * @param offeredRate   for an open-loop phase the arrival rate asked for, per second; else NaN
 * @param generatorCores cores the load generator may use (its CPU affinity)
 * @param lateSignatures device JWTs the load generator had to sign inside the measured window (-1: not a device phase)
 * @param profile       the server's hot methods in the measured window ({@code --jfr}), or {@link ServerProfile#NONE}
 */
record PhaseResult(String workload, Step iteration, List<Step> steps, int clients, Duration measured,
        Map<Step, Histogram> latencies, long errors, long warmupErrors, List<String> errorSamples,
        OptionalInt connections, int stuckClients, CpuUsage.Load cpu, long serverCpuNanos, double offeredRate,
        int generatorCores, long lateSignatures, ServerProfile profile) {

    /** Below this many server cores busy, the server was not what limited a closed-loop phase. */
    static final double SERVER_BOUND = 0.9;
    /** An open-loop phase that completed less than this share of its offered rate fell behind its schedule. */
    static final double ON_SCHEDULE = 0.95;

    PhaseResult withProfile(ServerProfile value) {
        return new PhaseResult(workload, iteration, steps, clients, measured, latencies, errors, warmupErrors, errorSamples,
                connections, stuckClients, cpu, serverCpuNanos, offeredRate, generatorCores, lateSignatures, value);
    }

    boolean openLoop() {
        return !Double.isNaN(offeredRate);
    }

    /**
     * What limited the phase: {@code server CPU} (its cores busy at least {@link #SERVER_BOUND}), {@code load generator CPU}
     * (the generator's cores that busy while the server's were not), {@code other load on the machine} (every core
     * that busy, but not by the benchmark), else {@code waits (disk, locks)}: neither
     * side's CPU was full, the server's requests waited (an fsync, a lock, the database); for an open loop
     * {@code offered rate} when it kept its schedule.
     */
    String limit() {
        double server = serverCores();
        double generator = cpu.jvm() / Math.max(1, generatorCores);
        double machine = cpu.machineShare().orElse(0.0);
        String bound = !Double.isNaN(server) && server >= SERVER_BOUND ? "server CPU"
                : generator >= SERVER_BOUND ? "load generator CPU"
                : machine >= SERVER_BOUND ? "other load on the machine"
                : "waits (disk, locks)";
        if (openLoop()) {
            return iterationsPerSecond() >= ON_SCHEDULE * offeredRate ? "offered rate" : bound + ", behind schedule";
        }
        return bound;
    }

    /** Whether the phase measured something other than the server at full load (flagged in the report). */
    boolean limitFlagged() {
        return openLoop() ? !limit().equals("offered rate") : !limit().equals("server CPU");
    }

    double seconds() {
        return measured.toNanos() / 1e9;
    }

    long iterations() {
        return latencies.get(iteration).getTotalCount();
    }

    double iterationsPerSecond() {
        return iterations() / seconds();
    }

    /** Successful HTTP requests per second (a push round trip is three). */
    double requestsPerSecond() {
        return steps.stream().filter(Step::isRequest).mapToLong(s -> latencies.get(s).getTotalCount()).sum() / seconds();
    }

    /** Server CPU per completed iteration, in milliseconds, or NaN. */
    double serverCpuMillisPerIteration() {
        return serverCpuNanos < 0 || iterations() == 0 ? Double.NaN : serverCpuNanos / 1e6 / iterations();
    }

    /** The load generator's CPU per completed iteration, in milliseconds, or NaN. */
    double generatorCpuMillisPerIteration() {
        return iterations() == 0 ? Double.NaN : cpu.jvm() * measured.toNanos() / 1e6 / iterations();
    }

    /** Cores the server's processes kept busy on average, or NaN. */
    double serverCores() {
        return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / (double) measured.toNanos();
    }

    boolean failed() {
        return errors > 0 || warmupErrors > 0 || stuckClients > 0;
    }
}
