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
 * duration, or earlier at its request cap.
 */
@Command(name = "assent bench", mixinStandardHelpOptions = true, sortOptions = false, version = "Assent benchmark",
        description = "Benchmarks the packaged server in its own process: each request kind, the push round trip, open loop, ES256 ceiling.")
public final class PushRoundTripBenchmark implements Callable<Integer> {

    /** Enrollment runs this many devices at a time: fast, without a burst of thousands of connections. */
    private static final int SETUP_PARALLELISM = 64;
    static final long MAX_REQUESTS_LIMIT = 100_000_000L;

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

    @Option(names = "--readme", defaultValue = "README.md", description = "The README --markdown writes to (default: ${DEFAULT-VALUE}).")
    Path readme;

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
        Report report = new Report(out, environment, settings, maxRequests);
        out.println(environment.header());
        for (DatabaseKind kind : database.kinds()) {
            report.add(runOn(kind, root, settings, pinning));
        }
        report.table();
        if (markdown) {
            try {
                ReadmeTable.write(readme, report.markdown());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the table into " + readme, e);
            }
            out.println("wrote the table into " + readme);
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
            LoopbackHttp http = new LoopbackHttp(LoopbackHttp.newClient(), server.base());
            Enrollment enrollment = new Enrollment(http, account[0], account[1]);
            List<Device> devices = enrollment.devices(settings.factors(), Math.min(settings.clients(), SETUP_PARALLELISM));
            List<String> pending = enrollment.pendingChallenges(devices);

            ServerSideConnections connections = new ServerSideConnections(server.port());
            LoadRunner runner = new LoadRunner(settings.clients(), settings.warmup(), settings.duration(), maxRequests,
                    connections, serverCpu);
            List<PhaseResult> phases = new ArrayList<>();
            phases.add(phase(runner.run(SingleRequests.healthz(), http)));
            phases.add(phase(runner.run(SingleRequests.service(enrollment.servicePath(), enrollment.accountAuthorization()), http)));
            PhaseResult fetch = phase(runner.run(SingleRequests.deviceFetch(devices, pending), http));
            phases.add(fetch);
            double half = Math.max(1, fetch.iterationsPerSecond() / 2);
            phases.add(phase(new OpenLoop(half, settings.duration(), maxRequests, connections, serverCpu).run(devices, pending, http)));
            phases.add(phase(runner.run(SingleRequests.create(devices, enrollment.accountAuthorization()), http)));
            phases.add(phase(runner.run(new PushRoundTrip(enrollment.accountAuthorization(), devices, settings.clients()), http)));
            long rss = server.rssBytes().orElse(-1);
            if (!server.alive()) {
                throw new IllegalStateException("the server died during the run:\n" + server.logTail());
            }
            return new DatabaseRun(kind, target.describe(), server.startToFirst200(), rss, es256, phases);
        }
    }

    private PhaseResult phase(PhaseResult result) {
        Report.phase(out, result);
        return result;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
