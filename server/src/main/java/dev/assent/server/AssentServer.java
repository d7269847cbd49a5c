package dev.assent.server;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.assent.server.accesstoken.AccessTokens;
import dev.assent.server.account.AccountService;
import dev.assent.server.apikey.ApiKeys;
import dev.assent.server.challenge.ChallengeExpirySweep;
import dev.assent.server.challenge.Challenges;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ManagementSettings;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.console.DeveloperConsole;
import dev.assent.server.credential.Credentials;
import dev.assent.server.device.CryptoProviders;
import dev.assent.server.entity.Entities;
import dev.assent.server.factor.Factors;
import dev.assent.server.http.AccessLog;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.http.ConnectionLimits;
import dev.assent.server.http.EdgeErrors;
import dev.assent.server.http.RequestDeadlines;
import dev.assent.server.health.Readiness;
import dev.assent.server.http.HealthApi;
import dev.assent.server.http.HttpMetrics;
import dev.assent.server.http.MetricsApi;
import dev.assent.server.http.OpenApiDocument;
import dev.assent.server.http.RouteTable;
import dev.assent.server.http.VerifyApi;
import dev.assent.server.metrics.AssentMetrics;
import dev.assent.server.notification.Notifications;
import dev.assent.server.outbound.OutboundClient;
import dev.assent.server.outbound.OutboundPolicy;
import dev.assent.server.push.ApnsPushSender;
import dev.assent.server.push.DurablePushOutbox;
import dev.assent.server.push.FcmPushSender;
import dev.assent.server.push.PushConfig;
import dev.assent.server.push.PushWorker;
import dev.assent.server.retention.RetentionJob;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.service.VerifyServices;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.JdbcAccessTokenStore;
import dev.assent.server.storage.JdbcAccountStore;
import dev.assent.server.storage.JdbcApiKeyStore;
import dev.assent.server.storage.JdbcChallengeStore;
import dev.assent.server.storage.JdbcDeliveryStore;
import dev.assent.server.storage.JdbcCredentialStore;
import dev.assent.server.storage.JdbcEntityStore;
import dev.assent.server.storage.JdbcFactorStore;
import dev.assent.server.storage.JdbcNotificationStore;
import dev.assent.server.storage.JdbcOutboxProbe;
import dev.assent.server.storage.JdbcPushJobStore;
import dev.assent.server.storage.JdbcRetentionStore;
import dev.assent.server.storage.JdbcServiceStore;
import dev.assent.server.storage.JdbcWebhookStore;
import dev.assent.server.storage.SealedSecrets;
import dev.assent.server.tls.TlsCredentials;
import dev.assent.server.tls.TlsReloader;
import dev.assent.server.webhook.WebhookDispatcher;
import dev.assent.server.webhook.WebhookEvents;
import dev.assent.server.passkey.Passkeys;
import dev.assent.server.storage.JdbcPasskeyStore;
import java.security.SecureRandom;
import dev.assent.server.webhook.WebhookSettings;
import dev.assent.server.webhook.Webhooks;
import dev.assent.server.worker.PeriodicTask;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: opens the database, wires the features with {@code new}, and serves HTTP. */
public final class AssentServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssentServer.class);

    /** Request headers Helidon reads before answering 431; the authenticator refuses an Authorization over 8 KiB itself. */
    static final int MAX_HEADERS_BYTES = 32 * 1024;

    private final Database database;
    private final AccountService accounts;
    private final WebServer webServer;
    private final String publicBase;
    private final PeriodicTask expirySweep;
    private final WebhookDispatcher webhookDispatcher;
    private final PushWorker pushWorker;
    private final OutboundClient outbound;
    private final RetentionJob retention;
    private final RequestDeadlines deadlines;
    private final List<RouteTable.Route> routes;
    private final Readiness readiness;
    private final Duration shutdownGrace;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Optional<TlsReloader> tlsReloader;
    private final AssentMetrics metrics;

    /** The Helidon socket name of the management listener, when ASSENT_MANAGEMENT_PORT is set. */
    static final String MANAGEMENT_SOCKET = "management";

    /** The background workers, by the names readiness reports them under. */
    static final String PUSH_WORKER = "push-worker";
    static final String WEBHOOK_DISPATCHER = "webhook-dispatcher";
    static final String RETENTION = "retention";
    static final String EXPIRY_SWEEP = "expiry-sweep";

    private AssentServer(Database database, AccountService accounts, WebServer webServer, String publicBase,
            PeriodicTask expirySweep, WebhookDispatcher webhookDispatcher, PushWorker pushWorker, OutboundClient outbound,
            RetentionJob retention, RequestDeadlines deadlines, List<RouteTable.Route> routes, Readiness readiness,
            Duration shutdownGrace, Optional<TlsReloader> tlsReloader,
            AssentMetrics metrics) {
        this.database = database;
        this.accounts = accounts;
        this.webServer = webServer;
        this.publicBase = publicBase;
        this.expirySweep = expirySweep;
        this.webhookDispatcher = webhookDispatcher;
        this.pushWorker = pushWorker;
        this.outbound = outbound;
        this.retention = retention;
        this.deadlines = deadlines;
        this.routes = List.copyOf(routes);
        this.readiness = readiness;
        this.shutdownGrace = shutdownGrace;
        this.tlsReloader = tlsReloader;
        this.metrics = metrics;
    }

    /** Opens the configured database and runs its migrations. */
    public static Database openDatabase(ServerConfig config) {
        return openDatabase(config, Database.Schema.MIGRATE);
    }

    /** Opens the configured database, migrating it or only validating its schema. */
    public static Database openDatabase(ServerConfig config, Database.Schema schema) {
        return config.database()
                .map(db -> Database.postgresql(db.jdbcUrl(), db.user().orElse(null), db.password().orElse(null), db.poolSize(),
                        schema))
                .orElseGet(() -> Database.sqlite(config.dataDir(), schema));
    }

    public static AccountService accounts(Database database, Clock clock, SecretSealer sealer) {
        return new AccountService(new JdbcAccountStore(database, sealer), database, clock);
    }

    /**
     * The sealer of an open database's secrets: refuses keys that cannot open what is stored (before
     * writing anything), then seals the plaintext rows an older Assent left. Every command that reads
     * or writes secrets opens them through this first.
     *
     * @throws IllegalArgumentException without keys, or with keys that do not open the stored secrets
     */
    public static SecretSealer openSecrets(Database database, EncryptionKeys keys) {
        SecretSealer sealer = new SecretSealer(keys);
        SealedSecrets secrets = new SealedSecrets(database, sealer);
        secrets.checkKeys();
        secrets.sealPlaintext();
        return sealer;
    }

    /**
     * Starts a server on an open database, from one frozen configuration tree ({@link ServerConfig#from} or a
     * test's {@code new ServerConfig(…).withSettings(…)}); closing the server closes the database.
     */
    public static AssentServer start(ServerConfig config, Database database, Clock clock) {
        ServerSettings settings = config.settings();
        SecretSealer sealer;
        Optional<TlsCredentials> tls;
        try {
            // Certificate and key are read and matched before anything opens, naming the variable at fault.
            tls = settings.tls().enabled() ? Optional.of(TlsCredentials.load(settings.tls())) : Optional.empty();
            sealer = openSecrets(database, settings.encryption());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        WebhookSettings webhookSettings = settings.webhooks();
        PushConfig push = settings.push();
        AssentMetrics metrics = new AssentMetrics();
        metrics.trackPool(database);
        metrics.watchOutboxes(new JdbcOutboxProbe(database), clock);
        // Every outbound HTTP call (webhooks, FCM and its token endpoint) goes through this one policy.
        OutboundPolicy outboundPolicy = new OutboundPolicy(settings.outbound());
        OutboundClient outbound = new OutboundClient(outboundPolicy);
        AccountService accounts = accounts(database, clock, sealer);
        JdbcEntityStore entityStore = new JdbcEntityStore(database);
        JdbcFactorStore factorStore = new JdbcFactorStore(database, sealer);
        JdbcServiceStore serviceStore = new JdbcServiceStore(database);
        JdbcCredentialStore credentialStore = new JdbcCredentialStore(database, sealer);
        Credentials credentials = new Credentials(credentialStore, database);
        VerifyServices services = new VerifyServices(serviceStore, database, credentials::isOfType);
        Entities entities = new Entities(entityStore, database);
        JdbcWebhookStore webhookStore = new JdbcWebhookStore(database);
        JdbcDeliveryStore deliveryStore = new JdbcDeliveryStore(database);
        WebhookEvents webhookEvents = new WebhookEvents(webhookStore, deliveryStore, factorStore);
        Webhooks webhooks = new Webhooks(webhookStore, deliveryStore, database, outboundPolicy);
        Factors factors = new Factors(factorStore, entityStore, entities, database, webhookEvents,
                settings.factorLimits(), metrics);
        JdbcChallengeStore challengeStore = new JdbcChallengeStore(database);
        JdbcPushJobStore pushJobs = new JdbcPushJobStore(database);
        PushWorker pushWorker = new PushWorker(pushJobs, database, challengeStore, factorStore, serviceStore::find, credentialStore,
                metrics.counted(new ApnsPushSender(push, Optional.of(metrics.apnsListener())), NotificationPlatform.APN),
                metrics.counted(new FcmPushSender(push, clock, outbound), NotificationPlatform.FCM), clock, push, settings.workers());
        DurablePushOutbox outbox = new DurablePushOutbox(pushJobs, pushWorker::wake);
        Challenges challenges = new Challenges(challengeStore, factorStore, database, webhookEvents, outbox, settings.totpLockout(),
                settings.challengeLimits(), metrics);
        AccessTokens accessTokens = new AccessTokens(new JdbcAccessTokenStore(database, sealer), factors, database);
        Notifications notifications = new Notifications(new JdbcNotificationStore(database), challenges, database, outbox);
        Passkeys passkeys = new Passkeys(new JdbcPasskeyStore(database), factorStore, challengeStore, factors, entities, entityStore,
                database, webhookEvents, webhookEvents, settings.challengeLimits(), settings.passkeys(), new SecureRandom());

        // The public URL is needed by the routes, but without one configured it depends on the bound
        // port, so bind first when the port is 0.
        AtomicReference<String> base = new AtomicReference<>();
        // The workers start after the port opens; readiness asks them through this map once they exist.
        Map<String, BooleanSupplier> workers = new LinkedHashMap<>();
        AtomicReference<Map<String, BooleanSupplier>> started = new AtomicReference<>(Map.of());
        for (String name : List.of(PUSH_WORKER, WEBHOOK_DISPATCHER, RETENTION, EXPIRY_SWEEP)) {
            workers.put(name, () -> started.get().getOrDefault(name, () -> false).getAsBoolean());
        }
        Readiness readiness = new Readiness(database::schemaVersion, database.expectedVersion(), workers,
                Readiness.DEFAULT_DATABASE_TIMEOUT);
        ConnectionLimits limits = settings.http();
        long descriptorLimit = descriptorLimit();
        int maxConnections = limits.effectiveMaxConnections(descriptorLimit, openDescriptors());
        ManagementSettings management = settings.management();
        String managementHost = management.host().orElse(config.host());
        try {
            checkPortFree(config.host(), config.port());
            if (management.port().isPresent()) {
                checkPortFree(managementHost, management.port().getAsInt());
            }
        } catch (ListenFailedException e) {
            metrics.close();
            database.close();
            throw e;
        }
        RequestDeadlines deadlines = new RequestDeadlines(limits.requestTimeout());
        AtomicReference<RouteTable> table = new AtomicReference<>();
        WebServer server;
        try {
            WebServerConfig.Builder builder = WebServer.builder();
            tls.ifPresent(pair -> builder.tls(pair.tls()));
            if (management.port().isPresent()) {
                // Metrics and probes only here, never on the public listener (docs/decisions.md, Metrics).
                builder.putSocket(MANAGEMENT_SOCKET, socket -> socket.host(managementHost).port(management.port().getAsInt())
                        .connectionOptions(AssentServer::connectionOptions).maxConcurrentRequests(16));
                builder.routing(MANAGEMENT_SOCKET, routing -> {
                    routing.addFilter(HttpMetrics.filter(metrics));
                    RouteTable served = new RouteTable(routing);
                    new HealthApi(readiness).routing(served);
                    new MetricsApi(metrics::scrape).routing(served);
                });
            }
            server = builder
                    .host(config.host())
                    .port(config.port())
                    .maxPayloadSize(1024 * 1024)
                    .connectionOptions(AssentServer::connectionOptions)
                    // Each connection is a descriptor: staying below the limit keeps accept() from failing,
                    // which would end Helidon's listener for good; connections past the cap wait in the backlog.
                    .maxTcpConnections(maxConnections)
                    .maxConcurrentRequests(limits.maxConcurrentRequests())
                    .idleConnectionTimeout(limits.idleTimeout())
                    .idleConnectionPeriod(idleCheckPeriod(limits.idleTimeout()))
                    // On stop the listener closes at once; the requests in flight get this long to finish.
                    .shutdownGracePeriod(settings.process().shutdownGrace())
                    .addProtocol(Http1Config.builder()
                            // Room for any Authorization header the authenticator refuses (with its 401 and
                            // Date) before the listener's own limit answers 431.
                            .maxHeadersSize(MAX_HEADERS_BYTES)
                            // One listener: Helidon's combination of several calls none of them.
                            .addReceiveListener(AccessLog.listener(deadlines.listener()))
                            .build())
                    .directHandlers(EdgeErrors.handlers(clock))
                    .routing(routing -> {
                        routing.addFilter(AccessLog.filter());
                        routing.addFilter(HttpMetrics.filter(metrics));
                        routing.addFilter(deadlines.filter());
                        new DeveloperConsole(config.console()).routing(routing);
                        RouteTable served = new RouteTable(routing);
                        if (management.port().isEmpty()) {
                            new HealthApi(readiness).routing(served);
                            new MetricsApi(metrics::scrape).routing(served);
                        }
                        new OpenApiDocument().routing(served);
                        new VerifyApi(accounts, services, entities, factors, challenges, accessTokens, notifications, webhooks,
                                credentials, new ApiKeys(new JdbcApiKeyStore(database)), base::get, clock, deadlines, passkeys)
                                .routing(served);
                        table.set(served);
                    })
                    .build()
                    .start();
        } catch (RuntimeException e) {
            deadlines.close();
            metrics.close();
            database.close();
            throw new ListenFailedException(config.host(), config.port(), e);
        }
        if (!server.isRunning() || server.port() < 0 || (management.port().isPresent() && server.port(MANAGEMENT_SOCKET) < 0)) {
            // Helidon logs a listener that failed to bind and carries on without it.
            server.stop();
            deadlines.close();
            metrics.close();
            database.close();
            throw new ListenFailedException(config.host(), config.port(), null);
        }
        if (management.port().isPresent()) {
            log.info("Management endpoints (/metrics, /health/*) on {}:{} only", managementHost, server.port(MANAGEMENT_SOCKET));
        }
        log.info("HTTP limits: {} connections (descriptor limit {}), {} requests in flight, request timeout {}s, idle timeout {}s",
                maxConnections, descriptorLimit < 0 ? "unknown" : descriptorLimit, limits.maxConcurrentRequests(),
                limits.requestTimeout().toSeconds(), limits.idleTimeout().toSeconds());
        String bound = config.publicBase(server.port());
        base.set(tls.isPresent() && config.publicUrl().isEmpty() ? "https" + bound.substring("http".length()) : bound);
        tls.ifPresent(pair -> log.info("TLS on the listener: {}; files checked for changes every {}s", pair.describe(),
                settings.tls().reloadCheck().toSeconds()));
        WebServer listening = server;
        Optional<TlsReloader> reloader = tls.map(pair -> new TlsReloader(settings.tls(), pair, listening::reloadTls)
                .start());
        log.info("Assent listening on {}:{} (public URL {}, database {}, ES256 provider {}, outbound {})", config.host(), server.port(),
                base.get(), database.dialect(), CryptoProviders.name(), settings.outbound().summary());
        if (config.console()) {
            log.info("Developer console at {}{}", base.get(), DeveloperConsole.PATH);
        }
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliveryStore, database, accounts, webhookSettings, settings.workers(),
                clock, outbound, metrics).start();
        // The expiry sweep belongs to the challenges; it feeds the webhook outbox, so it runs at the
        // outbox's pace and nudges the dispatcher when it emitted something.
        ChallengeExpirySweep expirySweep = new ChallengeExpirySweep(challengeStore, webhookEvents, database, metrics);
        PeriodicTask expiry = new PeriodicTask("challenge-expiry", webhookSettings.pollInterval(), settings.workers().stopGrace(), () -> {
            if (expirySweep.sweep(clock.instant()) > 0) {
                dispatcher.wake();
            }
        }).start();
        pushWorker.start();
        RetentionJob retention = new RetentionJob(new JdbcRetentionStore(database), database, settings.retention(), clock).start();
        started.set(Map.of(PUSH_WORKER, pushWorker::alive, WEBHOOK_DISPATCHER, dispatcher::alive, RETENTION, retention::alive,
                EXPIRY_SWEEP, expiry::alive));
        return new AssentServer(database, accounts, server, base.get(), expiry, dispatcher, pushWorker, outbound, retention, deadlines,
                table.get().routes(), readiness, settings.process().shutdownGrace(), reloader, metrics);
    }

    /** Every method and path template the HTTP server routes (the developer console's pages aside). */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /**
     * Stops one background worker by its readiness name ({@code push-worker}, {@code webhook-dispatcher},
     * {@code retention}, {@code expiry-sweep}), as a crash of its thread would: readiness then fails
     * naming it. For tests of the probe; the server's own close stops every worker.
     */
    public void stopWorker(String name) {
        switch (name) {
            case PUSH_WORKER -> pushWorker.close();
            case WEBHOOK_DISPATCHER -> webhookDispatcher.close();
            case RETENTION -> retention.close();
            case EXPIRY_SWEEP -> expirySweep.close();
            default -> throw new IllegalArgumentException("no worker named " + name);
        }
    }

    /**
     * Binds the port once and lets it go, so a port in use is one clear error rather than Helidon's
     * logged stack trace and a server without a listener. (Another process may still take the port in
     * between; Helidon's own failure is then caught after it starts.)
     */
    private static void checkPortFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // As Helidon binds: an address in TIME_WAIT is free, one being listened on is not.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ListenFailedException(host, port, e);
        }
    }

    /** The process's limit on open files, or -1 where the platform does not tell. */
    private static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The descriptors the process holds now, or -1 where the platform does not tell. */
    private static long openDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /** How often idle connections are looked for: often enough that one is closed soon after its timeout. */
    private static Duration idleCheckPeriod(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : quarter;
    }

    /** The port could not be opened (in use, or not ours to bind): the server does not start. */
    public static final class ListenFailedException extends RuntimeException {
        ListenFailedException(String host, int port, Throwable cause) {
            super("cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
        }

        private static String reason(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) {
                    return bind.getMessage();
                }
            }
            return cause == null ? "the port is in use or may not be bound" : cause.getMessage();
        }
    }

    public int port() {
        return webServer.port();
    }

    public String publicBase() {
        return publicBase;
    }

    /** The port of the management listener ({@code /metrics}, {@code /health/*}), when one is configured. */
    public OptionalInt managementPort() {
        // Helidon answers -1 for a socket it does not have.
        int port = webServer.port(MANAGEMENT_SOCKET);
        return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    public AccountService accounts() {
        return accounts;
    }

    /**
     * Stops gracefully: readiness answers 503 from now on; the listener stops accepting connections
     * while the requests in flight finish, and the workers stop leasing while their sends in flight
     * finish, side by side, each within the shutdown grace; then the database pool closes. A second
     * call (the shutdown hook after {@code serve} stopped) waits for the first to end.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            long started = System.nanoTime();
            readiness.shuttingDown();
            tlsReloader.ifPresent(TlsReloader::close);
            log.info("shutting down: readiness is 503, the listener stops accepting; work in flight has {} ms to finish",
                    shutdownGrace.toMillis());
            List<Thread> workers = new ArrayList<>();
            for (AutoCloseable worker : List.<AutoCloseable>of(expirySweep, webhookDispatcher, pushWorker, retention)) {
                workers.add(Thread.ofPlatform().name("assent-stop-worker").start(() -> {
                    try {
                        worker.close();
                    } catch (Exception e) {
                        log.warn("a worker failed to stop: {}", e.toString());
                    }
                }));
            }
            webServer.stop();
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            deadlines.close();
            outbound.close();
            database.close();
            metrics.close();
            log.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        } finally {
            closed.countDown();
        }
    }

    /**
     * Options of every accepted connection. TCP_NODELAY: an answer written in more than one segment (headers,
     * then the body) must not wait for the client's delayed ACK of the first (Nagle's algorithm), which put
     * a ~40 ms floor under keep-alive requests (docs/decisions.md, "Keyset paging and list indexes").
     */
    private static void connectionOptions(SocketOptions.Builder options) {
        options.tcpNoDelay(true);
    }
}
