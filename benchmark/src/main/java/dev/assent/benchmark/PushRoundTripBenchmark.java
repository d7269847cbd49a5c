package dev.assent.benchmark;

import dev.assent.server.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark of the server alone: starts the packaged server jar in a process of its own (pinned to
 * core 0 with taskset) over a fresh database, and drives it from this JVM (pinned to the other cores) on
 * 127.0.0.1: the /healthz ceiling, a service read, the device fetch, the durable create, the push round
 * trip, and the device fetch open loop at half its closed-loop peak; it also measures the bare ES256
 * verification ceiling of one core. Prints one table. Every phase stops by itself after warm-up plus
 * duration, or earlier at its request cap. With {@code --jfr}, each measured window is also recorded with JFR
 * on the server and its hot methods reported.
 */
@Command(name = "assent bench", mixinStandardHelpOptions = true, sortOptions = false, version = "Assent benchmark",
        description = "Benchmarks the packaged server in its own process: each request kind, the push round trip, open loop, ES256 ceiling.")
public final class PushRoundTripBenchmark implements Callable<Integer> {

    /** Enrollment runs this many devices at a time: fast, without a burst of thousands of connections. */
    private static final int SETUP_PARALLELISM = 64;
    static final long MAX_REQUESTS_LIMIT = 100_000_000L;
    /** Allowance for jcmd starting a recording at the end of a warm-up, in seconds (the load runs on meanwhile). */
    private static final double JFR_START_SECONDS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--database", defaultValue = "both", paramLabel = "sqlite|postgres|both",
            description = "Database(s) to benchmark, each on a fresh server (default: ${DEFAULT-VALUE}).")
    DatabaseKind.Selection database;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent closed-loop clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "Measured time per phase, e.g. 20s, 2m; 2s for a smoke run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", converter = DurationConverter.class,
            description = "Unmeasured time before each closed-loop phase (default: half the duration, at most 10s).")
    Duration warmup;

    @Option(names = "--max-requests", defaultValue = "5000000",
            description = "Measured requests per phase at most; a phase ends at its duration or this count (default: ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(names = "--factors", description = "Distinct verified push devices (default: one per client).")
    Integer factors;

    @Option(names = "--provider", paramLabel = "accp|bc",
            description = "The server's ES256 provider (default: what the server picks: ACCP if it loads, else BouncyCastle).")
    ServerCrypto provider;

    @Option(names = "--server-jar", defaultValue = "server/target/assent.jar",
            description = "The packaged server to start (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--no-pin", description = "Do not pin the server and the load generator to separate cores.")
    boolean noPin;

    @Option(names = "--data-dir", description = "Where the databases' temporary directories go (default: the JVM temp dir).")
    Path dataDir;

    @Option(names = "--markdown", description = "Write the results table into the README's benchmark section (between its marker comments).")
    boolean markdown;

    @Option(names = "--jfr", description = "Record a JFR profile of the server over each measured window and report its top frames.")
    boolean jfr;

    @Option(names = "--jfr-dir", defaultValue = "benchmark/target/jfr",
            description = "Where --jfr keeps its recordings, one per database and phase (default: ${DEFAULT-VALUE}).")
    Path jfrDir;

    @Option(names = "--readme", defaultValue = "README.md", description = "The README --markdown writes to (default: ${DEFAULT-VALUE}).")
    Path readme;

    @Option(names = "--lists", description = "Instead of the request phases: list latency at two list sizes (see --list-sizes), "
            + "rows seeded straight into the database; --markdown writes its own table.")
    boolean lists;

    @Option(names = "--list-sizes", defaultValue = "1000,1000000", split = ",", paramLabel = "SMALL,LARGE",
            description = "With --lists: challenges on one entity (and on one service) at the two sizes (default: ${DEFAULT-VALUE}).")
    long[] listSizes;

    @Option(names = "--list-requests", defaultValue = "200",
            description = "With --lists: timed requests per list request kind, scope and size (default: ${DEFAULT-VALUE}).")
    int listRequests;

    PrintStream out = System.out;

    public static void main(String[] args) {
        int exit = new CommandLine(new PushRoundTripBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        BenchmarkSettings settings;
        try {
            Duration warm = warmup != null ? warmup : min(duration.dividedBy(2), Duration.ofSeconds(10));
            settings = new BenchmarkSettings(clients, factors == null ? clients : factors, warm, duration);
            if (maxRequests < 1 || maxRequests > MAX_REQUESTS_LIMIT) {
                throw new IllegalArgumentException("--max-requests must be 1 to " + MAX_REQUESTS_LIMIT);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (provider != null) {
            provider.select();
            try {
                provider.requireSelected();
            } catch (IllegalStateException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        CpuPinning pinning = CpuPinning.detect(!noPin);
        pinning.pinSelf();
        Path root = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"));
        RunEnvironment environment = RunEnvironment.current(pinning);
        if (lists) {
            return lists(root, pinning, environment);
        }
        Report report = new Report(out, environment, settings, maxRequests, jfr);
        out.println(environment.header());
        for (DatabaseKind kind : database.kinds()) {
            report.add(runOn(kind, root, settings, pinning));
        }
        report.table();
        if (markdown) {
            try {
                ReadmeTable.write(readme, report.markdown());
                if (jfr) {
                    ReadmeTable.write(readme, report.profileMarkdown(), ReadmeTable.PROFILE_BEGIN, ReadmeTable.PROFILE_END);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the table into " + readme, e);
            }
            out.println("wrote the table" + (jfr ? " and the profiles" : "") + " into " + readme);
        }
        if (report.anyFailed()) {
            String banner = "!!!!!!!! THE BENCHMARK HAD ERRORS: see the phases marked above; the numbers are not valid !!!!!!!!";
            out.println();
            out.println(banner);
            System.err.println(banner);
            return 1;
        }
        return 0;
    }

    private int lists(Path root, CpuPinning pinning, RunEnvironment environment) throws Exception {
        ListBenchmark benchmark;
        try {
            if (listSizes.length != 2) {
                throw new IllegalArgumentException("--list-sizes takes two sizes, SMALL,LARGE");
            }
            benchmark = new ListBenchmark(out, listSizes[0], listSizes[1], listRequests);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ListReport report = new ListReport(environment, listRequests);
        out.println(environment.header());
        for (DatabaseKind kind : database.kinds()) {
            report.add(benchmark.runOn(kind, root, serverJar, pinning, provider));
        }
        report.table(out);
        if (markdown) {
            try {
                ReadmeTable.write(readme, report.markdown(), ListReport.BEGIN, ListReport.END);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the list table into " + readme, e);
            }
            out.println("wrote the list table into " + readme);
        }
        if (report.anyFailed()) {
            String banner = "!!!!!!!! THE LIST BENCHMARK HAD ERRORS: see the rows marked above; the numbers are not valid !!!!!!!!";
            out.println(banner);
            System.err.println(banner);
            return 1;
        }
        return 0;
    }

    private DatabaseRun runOn(DatabaseKind kind, Path root, BenchmarkSettings settings, CpuPinning pinning)
            throws InterruptedException {
        out.printf("%n== %s: starting the database and %s%n", kind.label(), serverJar);
        try (TargetDatabase target = TargetDatabase.start(kind, root, pinning);
                ServerProcess server = ServerProcess.start(serverJar, target, pinning, provider)) {
            out.printf("   %s; server pid %d, first 200 after %d ms (listening after %d ms; %d ms of CPU by then; launched by %s)%n",
                    target.describe(), server.pid(), server.startToFirst200().toMillis(), server.startToListening().toMillis(),
                    server.startCpuNanos() / 1_000_000, String.join(" ", ServerProcess.launcher(serverJar)));
            LongSupplier serverCpu = () -> {
                List<Long> pids = new ArrayList<>(target.extraServerProcesses());
                pids.add(server.pid());
                return ProcStat.cpuNanos(pids);
            };
            // The ceiling first, on the load generator's core, while the server idles.
            double es256 = Es256Ceiling.measure(min(settings.warmup(), Duration.ofSeconds(2)), settings.duration(), maxRequests);
            out.printf(java.util.Locale.ROOT, "   bare ES256 verify, 1 thread: %,.0f/s%n", es256);

            String[] account = server.createAccount();
            try (LoopbackHttp http = new LoopbackHttp(server.port())) {
                Enrollment enrollment = new Enrollment(http, account[0], account[1]);
                List<Device> devices = enrollment.devices(settings.factors(), Math.min(settings.clients(), SETUP_PARALLELISM));
                List<String> pending = enrollment.pendingChallenges(devices);

                ServerProfiler profiler = jfr ? ServerProfiler.of(server.pid(), jfrDir, kind.name().toLowerCase(java.util.Locale.ROOT))
                        : ServerProfiler.off();
                ServerSideConnections connections = new ServerSideConnections(server.port());
                LoadRunner runner = new LoadRunner(settings.clients(), settings.warmup(), settings.duration(), maxRequests,
                        connections, serverCpu, profiler);
                List<PhaseResult> phases = new ArrayList<>();
                PhaseResult healthz = phase(runner.run(SingleRequests.healthz(), http));
                phases.add(healthz);
                phases.add(phase(runner.run(SingleRequests.service(enrollment.servicePath(), enrollment.accountAuthorization()), http)));
                // No request is cheaper than /healthz, and each fetch costs the server one ES256 verification.
                double fetchBound = Math.min(es256, healthz.iterationsPerSecond());
                DeviceTokens fetchTokens = presign(devices, closedLoopTokens(settings, fetchBound, 1));
                PhaseResult fetch = phase(runner.run(SingleRequests.deviceFetch(devices, pending, fetchTokens), http));
                phases.add(fetch);
                OpenLoop openFetch = new OpenLoop(Math.max(1, fetch.iterationsPerSecond() / 2), settings.duration(), maxRequests,
                        connections, serverCpu, profiler);
                DeviceTokens openTokens = presign(devices, openFetch.count());
                phases.add(phase(openFetch.run("device fetch", Step.OPEN_FETCH, SingleRequests.openFetch(http, devices, pending, openTokens))));
                PhaseResult create = phase(runner.run(SingleRequests.create(devices, enrollment.accountAuthorization()), http));
                phases.add(create);
                OpenLoop openCreate = new OpenLoop(Math.max(1, create.iterationsPerSecond() / 2), settings.duration(), maxRequests,
                        connections, serverCpu, profiler);
                phases.add(phase(openCreate.run("create", Step.OPEN_CREATE,
                        SingleRequests.openCreate(http, devices, enrollment.accountAuthorization()))));
                // Three verifications per round trip, two of them device JWTs.
                DeviceTokens roundTripTokens = presign(devices, closedLoopTokens(settings, fetchBound / 3, 2));
                phases.add(phase(runner.run(new PushRoundTrip(enrollment.accountAuthorization(), devices, settings.clients(),
                        roundTripTokens), http)));
            long rss = server.rssBytes().orElse(-1);
            if (!server.alive()) {
                throw new IllegalStateException("the server died during the run:\n" + server.logTail());
            }
            return new DatabaseRun(kind, target.describe(), server.startToFirst200(), rss, es256, phases);
            }
        }
    }

    /**
     * Device JWTs for a closed-loop phase: {@code perIteration} per iteration at {@code bound} iterations per second
     * (an upper bound on what the server can do) over the warm-up, the window and the recording's start, and no
     * more than the request cap needs after the warm-up.
     */
    private long closedLoopTokens(BenchmarkSettings settings, double bound, int perIteration) {
        double seconds = settings.warmup().plus(settings.duration()).toNanos() / 1e9 + (jfr ? JFR_START_SECONDS : 0);
        double warmupShare = settings.warmup().toNanos() / 1e9 + (jfr ? JFR_START_SECONDS : 0);
        long byRate = (long) Math.ceil(bound * seconds * perIteration);
        long byCap = (long) Math.min(Long.MAX_VALUE / 4, maxRequests * (double) perIteration + Math.ceil(bound * warmupShare * perIteration));
        return Math.min(byRate, byCap) + settings.clients();
    }

    private DeviceTokens presign(List<Device> devices, long count) {
        DeviceTokens tokens = DeviceTokens.sign(devices, count);
        out.printf(java.util.Locale.ROOT, "   (pre-signed %,d device JWTs in %.1f s)%n", tokens.pooled(), tokens.signingTime().toMillis() / 1000.0);
        return tokens;
    }

    private PhaseResult phase(PhaseResult result) {
        Report.phase(out, result);
        return result;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
