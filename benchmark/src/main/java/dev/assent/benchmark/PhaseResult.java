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
 */
record PhaseResult(String workload, Step iteration, List<Step> steps, int clients, Duration measured,
        Map<Step, Histogram> latencies, long errors, long warmupErrors, List<String> errorSamples,
        OptionalInt connections, int stuckClients, CpuUsage.Load cpu, long serverCpuNanos, double offeredRate) {

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

    /** Cores the server's processes kept busy on average, or NaN. */
    double serverCores() {
        return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / (double) measured.toNanos();
    }

    boolean failed() {
        return errors > 0 || warmupErrors > 0 || stuckClients > 0;
    }
}
