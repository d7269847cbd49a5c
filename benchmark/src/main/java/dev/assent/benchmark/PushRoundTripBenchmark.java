package dev.assent.benchmark;

import dev.assent.server.AssentServer;
import dev.assent.server.cli.DurationConverter;
import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.factor.FactorLimits;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The push round-trip benchmark: starts Assent in-process on 127.0.0.1 over a fresh database,
 * enrolls push devices through the API, then drives create → fetch → approve round trips from
 * virtual-thread clients that sign like the mobile SDKs, and finally the {@code GET /healthz} ceiling.
 * Run with {@code ./assent bench [options]}; it stops by itself after warm-up plus duration per phase.
 */
@Command(name = "assent bench", mixinStandardHelpOptions = true, sortOptions = false, version = "Assent push round-trip benchmark",
        description = "Benchmarks the push round trip (create challenge, device fetch, device approve) and the /healthz ceiling.")
public final class PushRoundTripBenchmark implements Callable<Integer> {

    /** Enrollment runs this many devices at a time: fast, without a burst of thousands of connections. */
    private static final int SETUP_PARALLELISM = 64;
    /**
     * Every device answers many challenges an hour, far past Twilio's per-factor limits, so the
     * benchmark turns them off the way a deployment would: through their variables.
     */
    private static final ServerSettings LIMITS_OFF = ServerSettings.fromEnvironment(Map.of(
            ChallengeLimits.CREATION_VARIABLE, "off",
            ChallengeLimits.SHORT_CODE_CREATION_VARIABLE, "off",
            ChallengeLimits.PENDING_PUSH_VARIABLE, "off",
            FactorLimits.CREATION_VARIABLE, "off"), false)
            // A fresh key per run: the benchmark's databases are thrown away, and sealing is part of what it measures.
            .withEncryption(EncryptionKeys.generate("bench1"));

    @Spec
    CommandSpec spec;

    @Option(names = "--database", defaultValue = "both", paramLabel = "sqlite|postgres|both",
            description = "Database(s) to benchmark, each on a fresh server (default: ${DEFAULT-VALUE}).")
    DatabaseKind.Selection database;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured time per phase, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "Unmeasured time before each phase (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--factors", description = "Distinct verified push devices (default: one per client).")
    Integer factors;

    @Option(names = "--provider", paramLabel = "accp|bc",
            description = "The server's ES256 provider (default: what the server picks: ACCP if it loads, else BouncyCastle).")
    ServerCrypto provider;

    @Option(names = "--http-client", defaultValue = "shared", paramLabel = "per-client|shared",
            converter = HttpModeConverter.class,
            description = "One JDK HttpClient shared by all clients, or one per client (default: ${DEFAULT-VALUE}; "
                    + "a client each costs a selector thread and pool each, CPU the server then lacks).")
    HttpClients.Mode httpMode;

    @Option(names = "--data-dir", description = "Where the databases' temporary directories go (default: the JVM temp dir).")
    Path dataDir;

    @Option(names = "--markdown", description = "Also print a Markdown results table for the README.")
    boolean markdown;

    public static void main(String[] args) {
        int exit = new CommandLine(new PushRoundTripBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        BenchmarkSettings settings;
        try {
            settings = new BenchmarkSettings(clients, factors == null ? clients : factors, warmup, duration);
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
        LogLevels.quietEmbeddedPostgres();
        Path root = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"));
        RunEnvironment environment = RunEnvironment.current();
        Report report = new Report(System.out);
        for (DatabaseKind kind : database.kinds()) {
            runOn(kind, root, settings, environment, report);
        }
        if (markdown) {
            report.markdown(environment, settings);
        }
        if (report.anyFailed()) {
            String banner = "!!!!!!!! THE BENCHMARK HAD ERRORS: see the phases marked above; the numbers are not valid !!!!!!!!";
            System.out.println();
            System.out.println(banner);
            System.err.println(banner);
            return 1;
        }
        return 0;
    }

    private void runOn(DatabaseKind kind, Path root, BenchmarkSettings settings, RunEnvironment environment, Report report)
            throws InterruptedException {
        try (DatabaseUnderTest target = DatabaseUnderTest.start(kind, root)) {
            Database db = target.open();
            String description;
            try {
                description = target.describe(db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            ServerConfig config = new ServerConfig("127.0.0.1", 0, target.directory(), Optional.empty(), Optional.empty());
            // Closing the server closes the database; the clients are closed first.
            try (AssentServer server = AssentServer.start(config.withSettings(LIMITS_OFF), db, Clock.systemUTC());
                    HttpClients http = new HttpClients(httpMode, server.publicBase())) {
                report.header(environment, description, settings, httpMode);
                Enrollment enrollment = new Enrollment(http.setup(), server.accounts().create());
                List<Device> devices = enrollment.devices(settings.factors(), Math.min(settings.clients(), SETUP_PARALLELISM));
                http.setupDone();
                LoadRunner runner = new LoadRunner(settings.clients(), settings.warmup(), settings.duration(),
                        new ServerSideConnections(server.port()));
                report.phase(kind, runner.run(new PushRoundTrip(enrollment.accountAuthorization(), devices, settings.clients()), http));
                report.phase(kind, runner.run(new HealthzCeiling(), http));
            }
        }
    }

    /** Reads {@code per-client} / {@code shared}. */
    static final class HttpModeConverter implements CommandLine.ITypeConverter<HttpClients.Mode> {
        @Override
        public HttpClients.Mode convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "per-client" -> HttpClients.Mode.PER_CLIENT;
                case "shared" -> HttpClients.Mode.SHARED;
                default -> throw new CommandLine.TypeConversionException("--http-client is per-client or shared, not " + value);
            };
        }
    }
}
