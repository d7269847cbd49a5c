package dev.assent.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Prints results: a readable block per phase, and optionally a Markdown table for the README. */
final class Report {

    /** One database's results, for the closing table. */
    record Row(DatabaseKind database, PhaseResult result) {
    }

    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void header(RunEnvironment environment, String database, BenchmarkSettings settings, HttpClients.Mode httpMode) {
        out.println();
        out.println("## " + environment.headerFor(database));
        out.printf(Locale.ROOT, "   %d clients (virtual threads, JDK HttpClient HTTP/1.1 keep-alive, %s), %d push factors, "
                        + "%s warm-up + %s measured, server and clients in one JVM on 127.0.0.1%n",
                settings.clients(), httpMode == HttpClients.Mode.SHARED ? "one shared client" : "one client each",
                settings.factors(), seconds(settings.warmup().toMillis()), seconds(settings.duration().toMillis()));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            out.printf(Locale.ROOT, "   load average before the run: %.2f (anything else running on the machine competes with both sides)%n", load);
        }
        out.flush();
    }

    void phase(DatabaseKind database, PhaseResult result) {
        rows.add(new Row(database, result));
        out.println();
        out.printf(Locale.ROOT, "   %s — %d clients, %.1f s measured%n", result.workload(), result.clients(), result.seconds());
        if (result.iteration() == Step.ROUND_TRIP) {
            out.printf(Locale.ROOT, "     round trips/s  %,10.1f   (%,d round trips)%n", result.iterationsPerSecond(), result.iterations());
        }
        out.printf(Locale.ROOT, "     requests/s     %,10.1f%s%n", result.requestsPerSecond(),
                result.iteration() == Step.ROUND_TRIP ? "   (3 per round trip; the server verifies 3 ES256 signatures per round trip)" : "");
        for (Step step : result.steps()) {
            Histogram h = result.latencies().get(step);
            out.printf(Locale.ROOT, "     %-17s p50 %9s   p99 %9s   p99.9 %9s   max %9s   (%s)%n", step.label(),
                    millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                    millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()), step.description());
        }
        out.printf(Locale.ROOT, "     connections    %s%n", result.connections().isPresent()
                ? result.connections().getAsInt() + " established on the server's port at the end of the window"
                : "unknown (no /proc/net/tcp)");
        out.printf(Locale.ROOT, "     CPU            %s of %d cores busy machine-wide, %.2f in this JVM (server + clients)%n",
                result.cpu().machine().map(m -> String.format(Locale.ROOT, "%.2f", m)).orElse("?"),
                Runtime.getRuntime().availableProcessors(), result.cpu().jvm());
        out.printf(Locale.ROOT, "     errors         %d measured, %d during warm-up%s%n", result.errors(), result.warmupErrors(),
                result.stuckClients() > 0 ? ", " + result.stuckClients() + " clients had to be interrupted" : "");
        if (result.failed()) {
            out.println("     !!!!!!!! THIS PHASE HAD ERRORS: its numbers are not valid !!!!!!!!");
            result.errorSamples().forEach(sample -> out.println("       " + sample));
        }
        out.flush();
    }

    /** The table to paste into the README, with the conditions it was measured under. */
    void markdown(RunEnvironment environment, BenchmarkSettings settings) {
        out.println();
        out.println("| database | workload | clients | req/s | round trips/s | p50 | p99 |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Row row : rows) {
            PhaseResult r = row.result();
            Histogram h = r.latencies().get(r.iteration());
            out.printf(Locale.ROOT, "| %s | %s%s | %d | %,.0f | %s | %s | %s |%n", row.database().label(), r.workload(),
                    r.failed() ? " **(ERRORS: " + (r.errors() + r.warmupErrors()) + ")**" : "", r.clients(),
                    r.requestsPerSecond(), r.iteration() == Step.ROUND_TRIP ? String.format(Locale.ROOT, "%,.0f", r.iterationsPerSecond()) : "–",
                    millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)));
        }
        out.println();
        out.printf(Locale.ROOT, "_%s, JDK %s, %d cores shared by the server and the clients (which sign like the SDKs); "
                        + "server ES256 verify: %s; %s measured after %s warm-up; latency is per round trip "
                        + "(per request for /healthz)._%n",
                environment.date(), Runtime.version().feature(), environment.cores(), environment.serverCrypto(),
                seconds(settings.duration().toMillis()), seconds(settings.warmup().toMillis()));
        out.flush();
    }

    boolean anyFailed() {
        return rows.stream().anyMatch(r -> r.result().failed());
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Microseconds as milliseconds with about three significant digits. */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
