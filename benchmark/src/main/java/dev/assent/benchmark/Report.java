package dev.assent.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The results: a line per phase as it finishes, then one table of every request kind on every database
 * with the ratios the performance issue asks for, as Markdown (the same text goes into the README).
 */
final class Report {

    private final PrintStream out;
    private final RunEnvironment environment;
    private final BenchmarkSettings settings;
    private final long maxRequests;
    private final boolean profiled;
    private final List<DatabaseRun> runs = new ArrayList<>();

    Report(PrintStream out, RunEnvironment environment, BenchmarkSettings settings, long maxRequests, boolean profiled) {
        this.out = out;
        this.profiled = profiled;
        this.maxRequests = maxRequests;
        this.environment = environment;
        this.settings = settings;
    }

    void add(DatabaseRun run) {
        runs.add(run);
    }

    static void phase(PrintStream out, PhaseResult r) {
        Histogram h = r.latencies().get(r.iteration());
        out.printf(Locale.ROOT, "   %-38s %,10.0f/s  p50 %9s  p99 %9s  p99.9 %9s  server %s ms CPU each, %.2f cores; load generator %s ms CPU each, %.2f cores; limit: %s%s%s%s%n",
                r.workload(), r.iterationsPerSecond(), millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                millis(h.getValueAtPercentile(99.9)), number(r.serverCpuMillisPerIteration(), 3), r.serverCores(),
                number(r.generatorCpuMillisPerIteration(), 3), r.cpu().jvm(),
                r.limit(), r.limitFlagged() ? " (!)" : "",
                r.lateSignatures() > 0 ? String.format(Locale.ROOT, "; %,d device JWTs signed in the window", r.lateSignatures()) : "",
                r.failed() ? "  ERRORS: " + (r.errors() + r.warmupErrors()) + (r.stuckClients() > 0 ? ", stuck " + r.stuckClients() : "") : "");
        if (r.failed()) {
            r.errorSamples().forEach(sample -> out.println("       " + sample));
        }
        ServerProfile profile = r.profile();
        if (profile.present()) {
            out.printf(Locale.ROOT, "       server hot methods (JFR, %,d samples, %s):%n", profile.samples(), profile.recording());
            for (ServerProfile.Frame frame : profile.top()) {
                out.printf(Locale.ROOT, "       %5.1f%%  %s%n", profile.percent(frame), frame.method());
            }
        }
        out.flush();
    }

    void table() {
        out.println();
        out.println(markdown());
        if (profiled) {
            out.println();
            out.println(profileMarkdown());
        }
        out.flush();
    }

    /** Per database and phase, the server's top frames in the measured window, as Markdown. */
    String profileMarkdown() {
        StringBuilder md = new StringBuilder();
        for (DatabaseRun run : runs) {
            for (PhaseResult r : run.phases()) {
                ServerProfile profile = r.profile();
                md.append(String.format(Locale.ROOT, "%n**%s, %s**: top frames of %,d JFR execution samples (every %s) in the measured window%n%n",
                        run.kind().label(), label(r), profile.samples(), ServerProfiler.SAMPLE_PERIOD));
                md.append("| # | method (top frame) | samples | % |\n|---:|---|---:|---:|\n");
                int rank = 1;
                for (ServerProfile.Frame frame : profile.top()) {
                    md.append(String.format(Locale.ROOT, "| %d | `%s` | %,d | %.1f %% |%n", rank++, frame.method(), frame.samples(),
                            profile.percent(frame)));
                }
                if (profile.top().isEmpty()) {
                    md.append("| – | (no samples) | 0 | – |\n");
                }
            }
        }
        md.append(String.format(Locale.ROOT, "%n_%s; JDK %s; %s; JFR `profile` settings with `jdk.ExecutionSample#period=%s`, "
                        + "started with `jcmd` at the end of each warm-up and stopped after the window; "
                        + "a method's share is of the samples that caught the server running Java code._%n",
                environment.date(), Runtime.version().feature(), environment.pinning(), ServerProfiler.SAMPLE_PERIOD));
        return md.toString();
    }

    /** The table with its conditions, as Markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| database | request | req/s | p50 | p99 | p99.9 | server CPU per request | server cores busy | limit | vs `/healthz` |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (DatabaseRun run : runs) {
            double healthz = run.phase(Step.HEALTHZ).iterationsPerSecond();
            for (PhaseResult r : run.phases()) {
                Histogram h = r.latencies().get(r.iteration());
                md.append(String.format(Locale.ROOT, "| %s | %s%s | %,.0f | %s | %s | %s | %s ms | %.2f | %s | %s |%n",
                        run.kind().label(), label(r), r.failed() ? " **(ERRORS: " + (r.errors() + r.warmupErrors()) + ")**" : "",
                        r.iterationsPerSecond(), millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                        millis(h.getValueAtPercentile(99.9)), number(r.serverCpuMillisPerIteration(), 3), r.serverCores(),
                        r.limitFlagged() ? "**" + r.limit() + "**" : r.limit(), number(r.iterationsPerSecond() / healthz, 3)));
            }
        }
        md.append("\n| database | measure | measured | goal |\n|---|---|---:|---:|\n");
        for (DatabaseRun run : runs) {
            String db = run.kind().label();
            double es256 = run.es256PerSecond();
            double create = run.phase(Step.CREATE).iterationsPerSecond();
            double healthz = run.phase(Step.HEALTHZ).iterationsPerSecond();
            double fetch = run.phase(Step.FETCH).iterationsPerSecond();
            double roundTrip = run.phase(Step.ROUND_TRIP).iterationsPerSecond();
            PhaseResult open = run.phase(Step.OPEN_FETCH);
            PhaseResult openCreate = run.phase(Step.OPEN_CREATE);
            md.append(String.format(Locale.ROOT, "| %s | bare ES256 verifications/s, one core | %,.0f | – |%n", db, es256));
            md.append(String.format(Locale.ROOT, "| %s | create / `/healthz` | %s | ≥ 0.25 |%n", db, number(create / healthz, 3)));
            md.append(String.format(Locale.ROOT, "| %s | device fetch / ES256 ceiling | %s | ≥ 0.5 |%n", db, number(fetch / es256, 3)));
            md.append(String.format(Locale.ROOT, "| %s | round trip / ES256 ceiling | %s | ≥ 0.3 |%n", db, number(roundTrip / es256, 3)));
            md.append(String.format(Locale.ROOT, "| %s | open-loop p99 at %,.0f/s (half the fetch peak) | %s | < 10 ms |%n", db,
                    open.offeredRate(), millis(open.latencies().get(Step.OPEN_FETCH).getValueAtPercentile(99))));
            md.append(String.format(Locale.ROOT, "| %s | open-loop create p99 at %,.0f/s (half the create peak) | %s | < 10 ms |%n", db,
                    openCreate.offeredRate(), millis(openCreate.latencies().get(Step.OPEN_CREATE).getValueAtPercentile(99))));
            md.append(String.format(Locale.ROOT, "| %s | start of the jar to first 200 (fresh database, migrations included) | %.2f s | < 1.5 s |%n",
                    db, run.startToFirst200().toMillis() / 1000.0));
            md.append(String.format(Locale.ROOT, "| %s | server RSS after load | %s | reported |%n", db,
                    run.rssBytes() < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", run.rssBytes() / 1048576.0)));
        }
        md.append(String.format(Locale.ROOT, "%n_%s; JDK %s; %d cores, %s; ES256 verify: %s; device signing: %s; "
                        + "%d closed-loop clients, %s warm-up and %s measured per phase (at most %,d requests); load average at start %s, at the end %s. "
                        + "Server CPU is utime+stime of the server's processes (its JVM, and PostgreSQL's) from /proc; "
                        + "a round trip is three requests, its row is per round trip. Limit: `server CPU` when the server's cores were at least "
                        + "0.9 busy; otherwise (in bold) `load generator CPU` when the load generator's were, else `waits (disk, locks)`; "
                        + "an open loop that kept its schedule says `offered rate`.%s_%n",
                environment.date(), Runtime.version().feature(), environment.cores(), environment.pinning(), environment.serverCrypto(),
                environment.deviceCrypto(), settings.clients(), seconds(settings.warmup().toMillis()),
                seconds(settings.duration().toMillis()), maxRequests, environment.loadAverage(),
                RunEnvironment.readLoadAverage(), profiled ? " Recorded with `--jfr` (JFR sampling costs the server some CPU)." : ""));
        return md.toString();
    }

    private static String label(PhaseResult r) {
        return switch (r.iteration()) {
            case HEALTHZ -> "`GET /healthz` (ceiling)";
            case SERVICE -> "`GET /v2/Services/{VA}` (account auth + one read)";
            case FETCH -> "device `GET …/Challenges/{YC}` (fresh device JWT)";
            case OPEN_FETCH -> String.format(Locale.ROOT, "device fetch, open loop at %,.0f/s", r.offeredRate());
            case OPEN_CREATE -> String.format(Locale.ROOT, "`POST …/Challenges` (create), open loop at %,.0f/s", r.offeredRate());
            case CREATE -> "`POST …/Challenges` (create, durable)";
            case ROUND_TRIP -> "push round trip (create, fetch, approve), per round trip";
            default -> r.workload();
        };
    }

    boolean anyFailed() {
        return runs.stream().anyMatch(DatabaseRun::failed);
    }

    private static String number(double value, int significant) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "?";
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(significant)).stripTrailingZeros().toPlainString();
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
