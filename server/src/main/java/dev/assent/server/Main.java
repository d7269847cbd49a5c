package dev.assent.server;

import dev.assent.server.account.Account;
import dev.assent.server.account.AccountService;
import dev.assent.server.account.AuthToken;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import dev.assent.server.config.ProcessSettings;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.console.DeveloperConsole;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.SchemaMismatchException;
import dev.assent.server.storage.SealedColumn;
import dev.assent.server.storage.SealedSecrets;
import dev.assent.server.tls.TlsCredentials;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** The Assent command line: {@code serve}, {@code dev}, {@code migrate}, {@code accounts create} and {@code encryption status|rotate}. */
@Command(name = "assent", mixinStandardHelpOptions = true, version = "Assent 0.1.0",
        description = "Self-hosted push and TOTP verification server, wire-compatible with Twilio Verify v2.")
public final class Main implements Runnable {

    /**
     * The subcommands, by name, in the order the help lists them. They are registered by
     * {@link #commandLine(String...)}, not by the {@code @Command} annotation, so that a start of one
     * command ({@code serve}) does not build and reflect on the model of every other one.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("serve", Serve.class);
        commands.put("dev", Dev.class);
        commands.put("migrate", Migrate.class);
        commands.put("accounts", Accounts.class);
        commands.put("api-keys", ApiKeysCommand.class);
        commands.put("encryption", Encryption.class);
        commands.put("device", dev.assent.server.cli.device.DeviceCommand.class);
        commands.put("healthcheck", HealthCheckCommand.class);
        commands.put("aot-training", AotTrainingCommand.class);
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** The whole command line: every subcommand (what {@code --help}, a mistyped command and the tests see). */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main());
        SUBCOMMANDS.values().forEach(root::addSubcommand);
        return root;
    }

    /**
     * The command line {@code args} need: when the first argument names a subcommand exactly, the root
     * with that one subcommand (picocli parses everything after it in that subcommand alone, so the
     * result is the same as with the whole tree); otherwise ({@code --help}, {@code -V}, no arguments, a
     * mistyped name that picocli answers with suggestions) the whole tree.
     */
    static CommandLine commandLine(String... args) {
        Class<?> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (only == null) {
            return commandLine();
        }
        CommandLine root = new CommandLine(new Main());
        root.addSubcommand(only);
        return root;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The system property {@link LogbackConfigurator} picks its encoder by ({@code text} or {@code json}). */
    static final String LOG_FORMAT_PROPERTY = "assent.log.format";

    public static void main(String[] args) {
        StartTimes.mainEntered();
        // Before anything logs: logback reads its configuration once, on the first logger.
        try {
            // The environment or the config file (ASSENT_LOG_LEVEL is read by logback from the environment alone).
            System.setProperty(LOG_FORMAT_PROPERTY, ProcessSettings.logFormat(ConfigSource.load(configFlag(args), System.getenv()))
                    .appender());
        } catch (IllegalArgumentException e) {
            System.err.println("assent: " + e.getMessage());
            System.exit(2);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine(args)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof IllegalArgumentException || e instanceof SchemaMismatchException) {
                        // Configuration mistakes and a schema this jar must not run on: say what to fix, without a stack trace.
                        commandLine.getErr().println("assent: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof AssentServer.ListenFailedException) {
                        // A busy port: one line and a failed exit, so a supervisor sees it, not a server without a listener.
                        commandLine.getErr().println("assent: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code --config FILE} or {@code --config=FILE} among the arguments, by its variable, before picocli parses them. */
    static Map<String, String> configFlag(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Map.of(ConfigKey.CONFIG_FILE.variable(), args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Map.of(ConfigKey.CONFIG_FILE.variable(), args[i].substring("--config=".length()));
            }
        }
        return Map.of();
    }

    /**
     * Options shared by every command; each overrides its environment variable, which overrides the
     * config file ({@code --config} / {@code ASSENT_CONFIG_FILE}). The configuration is loaded once per command.
     */
    static final class Options {
        @Option(names = "--config", paramLabel = "FILE", description = "A properties file of ASSENT_* settings, read under the "
                + "environment and the flags (env ASSENT_CONFIG_FILE).")
        Path configFile;
        @Option(names = "--port", description = "Port to listen on (env ASSENT_PORT; default 8080; 0 = any free port).")
        Integer port;
        @Option(names = "--host", description = "Address to bind (env ASSENT_HOST; default 127.0.0.1 in dev, 0.0.0.0 otherwise).")
        String host;
        @Option(names = "--data-dir", description = "Directory of the embedded SQLite database (env ASSENT_DATA_DIR).")
        Path dataDir;
        @Option(names = "--database-url", description = "PostgreSQL JDBC URL; when set, PostgreSQL is used (env ASSENT_DATABASE_URL).")
        String databaseUrl;
        @Option(names = "--public-url", description = "Base URL clients use, for url/links/paging (env ASSENT_PUBLIC_URL).")
        URI publicUrl;

        /** Flags of one command beyond these ({@code serve}'s {@code --console}, {@code --no-migrate}), by variable. */
        final Map<String, String> commandFlags = new LinkedHashMap<>();
        private ConfigSource source;

        /** The flags given, by the variable each overrides. */
        Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            putIfSet(flags, ConfigKey.CONFIG_FILE, configFile);
            putIfSet(flags, ConfigKey.PORT, port);
            putIfSet(flags, ConfigKey.HOST, host);
            putIfSet(flags, ConfigKey.DATA_DIR, dataDir);
            putIfSet(flags, ConfigKey.DATABASE_URL, databaseUrl);
            putIfSet(flags, ConfigKey.PUBLIC_URL, publicUrl);
            flags.putAll(commandFlags);
            return flags;
        }

        private static void putIfSet(Map<String, String> flags, ConfigKey key, Object value) {
            if (value != null) {
                flags.put(key.variable(), value.toString());
            }
        }

        /** Flags over {@code env} over the config file, loaded on the first call. */
        ConfigSource source(Map<String, String> env) {
            if (source == null) {
                source = ConfigSource.load(flags(), env);
            }
            return source;
        }

        ServerConfig resolve(Map<String, String> env, boolean dev) {
            return resolve(env, dev, true);
        }

        /** As {@code serve} needs it, but a command that serves nothing ({@code migrate}) needs no public URL. */
        ServerConfig resolve(Map<String, String> env, boolean dev, boolean serving) {
            return ServerConfig.from(source(env), dev, serving);
        }
    }

    @Command(name = "serve", description = "Run Assent in production mode (needs explicit configuration).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Options options = new Options();
        @Option(names = "--console", description = "Serve the developer console at /console (env ASSENT_CONSOLE=true; off by default).")
        boolean console;
        @Option(names = "--no-migrate", description = "Only check that the schema is at this version; `assent migrate` applies it "
                + "(env ASSENT_MIGRATE=false; serve migrates by default).")
        boolean noMigrate;

        @Override
        public Integer call() throws InterruptedException {
            if (console) {
                options.commandFlags.put(ConfigKey.CONSOLE.variable(), "true");
            }
            if (noMigrate) {
                options.commandFlags.put(ConfigKey.MIGRATE.variable(), "false");
            }
            serveUntilShutdown(startServing(options.source(System.getenv())));
            return 0;
        }
    }

    /**
     * What {@code serve} does before it waits for a signal: the configuration validated whole before
     * anything opens (a bad value is one line naming it, exit 2), the database opened and migrated (or
     * validated), the server started. The start-up cache's training run ({@link AotTrainingCommand}) starts
     * through here too, so the cache holds what a real start loads.
     */
    static AssentServer startServing(ConfigSource source) {
        ServerConfig config = ServerConfig.from(source, false, true);
        Database.Schema schema = schemaMode(source);
        logConfiguration(source);
        // Checked before the database is opened, so a start without keys writes nothing.
        new SecretSealer(config.settings().encryption());
        if (config.settings().tls().enabled()) {
            TlsCredentials.load(config.settings().tls());
        }
        StartTimes.databaseOpening();
        Database database = AssentServer.openDatabase(config, schema);
        StartTimes.databaseReady();
        AssentServer server = AssentServer.start(config, database, Clock.systemUTC());
        StartTimes.listening();
        return server;
    }

    @Command(name = "dev", description = "Run Assent for development: embedded database, ready credentials.")
    static final class Dev implements Callable<Integer> {
        @CommandLine.Mixin
        Options options = new Options();

        @Override
        public Integer call() throws InterruptedException {
            // Read (and checked) before anything is written to the data directory.
            ConfigSource source = options.source(System.getenv());
            ServerConfig config = options.resolve(System.getenv(), true);
            logConfiguration(source);
            EncryptionKeys.DevKeys keys = EncryptionKeys.forDev(source, config.dataDir());
            StartTimes.databaseOpening();
            Database database = AssentServer.openDatabase(config);
            StartTimes.databaseReady();
            SecretSealer sealer;
            try {
                sealer = AssentServer.openSecrets(database, keys.keys());
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            Account account = devAccount(AssentServer.accounts(database, Clock.systemUTC(), sealer), source);
            AssentServer server = AssentServer.start(config.withSettings(config.settings().withEncryption(keys.keys())), database,
                    Clock.systemUTC());
            StartTimes.listening();
            printBanner(server.publicBase(), account, keys);
            serveUntilShutdown(server);
            return 0;
        }

        private static Account devAccount(AccountService accounts, ConfigSource source) {
            String sid = source.string(ConfigKey.ACCOUNT_SID).orElse(null);
            String token = source.raw(ConfigKey.AUTH_TOKEN).orElse(null);
            if (sid != null || token != null) {
                if (sid == null || token == null || !Sid.matches(SidType.ACCOUNT, sid)) {
                    throw new IllegalArgumentException("set both ASSENT_ACCOUNT_SID (AC + 32 hex digits) and ASSENT_AUTH_TOKEN");
                }
                return accounts.ensure(new Sid(SidType.ACCOUNT, sid), new AuthToken(token));
            }
            // Keep the same credentials across restarts on the same data directory.
            return accounts.oldest().orElseGet(accounts::create);
        }

        private static void printBanner(String base, Account account, EncryptionKeys.DevKeys keys) {
            PrintWriter out = new PrintWriter(System.out, true);
            out.println();
            out.println("Assent (dev mode) is running at " + base);
            out.println();
            keys.file().ifPresent(file -> out.println((keys.created() ? "Created the encryption key file " : "Encryption key file: ")
                    + file + " (it seals the secrets in the database: keep it with the data directory)"));
            out.println("  Account SID: " + account.sid());
            out.println("  Auth Token:  " + account.authToken().reveal());
            out.println();
            out.println("Try it:");
            out.println("  curl -u " + account.sid() + ":" + account.authToken().reveal() + " -X POST " + base
                    + "/v2/Services --data-urlencode 'FriendlyName=My App'");
            out.println();
            out.println("Developer console: " + base + DeveloperConsole.PATH + " (sign in with the Account SID and Auth Token above)");
            DeveloperConsole.passkeysAddress(base).ifPresent(address -> out.println("  for passkeys open it at " + address
                    + " (WebAuthn needs a domain as relying party, never an IP address)"));
            out.println("twilio-java: point a custom com.twilio.http.HttpClient at " + base + " (see README).");
            out.println("Set ASSENT_ACCOUNT_SID and ASSENT_AUTH_TOKEN to keep these credentials fixed across restarts.");
            out.flush();
        }
    }

    /** {@code --no-migrate} or {@code ASSENT_MIGRATE=false}: validate only; otherwise migrate. */
    static Database.Schema schemaMode(ConfigSource source) {
        return source.bool(ConfigKey.MIGRATE, true) ? Database.Schema.MIGRATE : Database.Schema.VALIDATE;
    }

    /** The configuration a start runs with, one INFO line, secrets as {@code ***}. */
    static void logConfiguration(ConfigSource source) {
        LoggerFactory.getLogger(Main.class).info("configuration: {}", source.redacted());
    }

    @Command(name = "migrate", description = "Apply the database migrations this release ships, print the schema version, and exit.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Mixin
        Options options = new Options();

        @Override
        public Integer call() {
            ServerConfig config = options.resolve(System.getenv(), false, false);
            try (Database database = AssentServer.openDatabase(config, Database.Schema.MIGRATE)) {
                String version = database.schemaVersion(Duration.ofSeconds(30)).orElseThrow(
                        () -> new AssertionError("no migration recorded after migrating"));
                System.out.println("schema at version " + version);
            }
            return 0;
        }
    }

    @Command(name = "accounts", description = "Manage accounts.", subcommands = {Accounts.Create.class, Accounts.ListAccounts.class,
        Accounts.Disable.class, Accounts.Enable.class, Accounts.RotateToken.class})
    static final class Accounts implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }

        @Command(name = "create", description = "Create an account; prints ACCOUNT_SID=… and AUTH_TOKEN=… lines.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();

            @Override
            public Integer call() {
                ServerConfig config = options.resolve(System.getenv(), true);
                EncryptionKeys keys = devKeys(config);
                try (Database database = AssentServer.openDatabase(config)) {
                    SecretSealer sealer = AssentServer.openSecrets(database, keys);
                    Account account = AssentServer.accounts(database, Clock.systemUTC(), sealer).create();
                    System.out.println("ACCOUNT_SID=" + account.sid());
                    System.out.println("AUTH_TOKEN=" + account.authToken().reveal());
                }
                return 0;
            }
        }

        @Command(name = "list", description = "List the accounts, oldest first: SID, status, date created.")
        static final class ListAccounts implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();

            @Override
            public Integer call() {
                ServerConfig config = options.resolve(System.getenv(), true, false);
                try (Database database = AssentServer.openDatabase(config)) {
                    for (Account account : AssentServer.accounts(database, Clock.systemUTC(), sealer(database, config)).list()) {
                        String status = account.active() ? "active" : "disabled";
                        System.out.println(account.sid() + "\t" + status + "\t" + account.dateCreated());
                    }
                }
                return 0;
            }
        }

        /** The options of a command on one account. */
        static final class AccountOption {
            @Option(names = "--account", required = true, paramLabel = "AC…", description = "The account's SID.")
            String account;

            Sid sid() {
                if (!Sid.matches(SidType.ACCOUNT, account)) {
                    // Exit status 2, as for every other bad option value.
                    throw new IllegalArgumentException("--account " + account + " is not an account SID (AC and 32 hex digits)");
                }
                return new Sid(SidType.ACCOUNT, account);
            }
        }

        /**
         * The sealer for a command on accounts: the keys of the environment ({@code ASSENT_ENCRYPTION_KEYS}
         * or {@code ASSENT_ENCRYPTION_KEY_FILE}), else the data directory's dev key file, as for
         * {@code accounts create}; keys that cannot open the database's secrets stop the command.
         */
        static SecretSealer sealer(Database database, ServerConfig config) {
            return AssentServer.openSecrets(database, devKeys(config));
        }

        /** The configured keys, else the data directory's dev key file (created on first use), as {@code dev} does. */
        static EncryptionKeys devKeys(ServerConfig config) {
            EncryptionKeys configured = config.settings().encryption();
            return configured.ids().isEmpty() ? EncryptionKeys.forDev(Map.of(), config.dataDir()).keys() : configured;
        }

        /** Runs {@code action} on the configured database; an unknown account is exit status 1, said on stderr. */
        static int onAccounts(Options options, Function<AccountService, String> action) {
            ServerConfig config = options.resolve(System.getenv(), true, false);
            try (Database database = AssentServer.openDatabase(config)) {
                System.out.println(action.apply(AssentServer.accounts(database, Clock.systemUTC(), sealer(database, config))));
                return 0;
            } catch (ApiException e) {
                System.err.println("assent: " + e.getMessage());
                return 1;
            }
        }

        @Command(name = "disable", description = "Disable an account: every credential of it gets 401, and no push or webhook "
                + "is sent for it until it is enabled again.")
        static final class Disable implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();
            @CommandLine.Mixin
            AccountOption account = new AccountOption();

            @Override
            public Integer call() {
                Sid sid = account.sid();
                return onAccounts(options, accounts -> accounts.disable(sid).sid() + "\tdisabled");
            }
        }

        @Command(name = "enable", description = "Enable a disabled account; its pending pushes and webhooks are sent again.")
        static final class Enable implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();
            @CommandLine.Mixin
            AccountOption account = new AccountOption();

            @Override
            public Integer call() {
                Sid sid = account.sid();
                return onAccounts(options, accounts -> accounts.enable(sid).sid() + "\tactive");
            }
        }

        @Command(name = "rotate-token", description = "Create a secondary auth token (accepted beside the primary) and print it "
                + "once as SECONDARY_AUTH_TOKEN=… (refused if one exists, unless --replace); with --promote, make the secondary "
                + "the primary (the old primary stops working) and print AUTH_TOKEN=….")
        static final class RotateToken implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();
            @CommandLine.Mixin
            AccountOption account = new AccountOption();
            @Option(names = "--promote", description = "Promote the existing secondary token to primary.")
            boolean promote;
            @Option(names = "--replace", description = "Replace an existing secondary token with a new one (the old one stops working).")
            boolean replace;

            @Override
            public Integer call() {
                Sid sid = account.sid();
                if (promote) {
                    return onAccounts(options, accounts -> "AUTH_TOKEN=" + accounts.promoteSecondaryToken(sid).authToken().reveal());
                }
                return onAccounts(options, accounts -> {
                    // A secondary already handed out may be deployed somewhere: replacing it is asked for, not assumed.
                    if (!replace && accounts.find(sid).flatMap(Account::secondaryAuthToken).isPresent()) {
                        throw new ApiException(ApiError.INVALID_PARAMETER, "account " + sid + " already has a secondary auth token: "
                                + "promote it with --promote, or replace it with --replace");
                    }
                    return "SECONDARY_AUTH_TOKEN=" + accounts.createSecondaryToken(sid).secondaryAuthToken().orElseThrow().reveal();
                });
            }
        }
    }

    @Command(name = "encryption", description = "Inspect and rotate the keys that seal the stored secrets.",
            subcommands = {Encryption.Status.class, Encryption.Rotate.class})
    static final class Encryption implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }

        /**
         * The keys of {@code serve} ({@code ASSENT_ENCRYPTION_KEYS} / {@code ASSENT_ENCRYPTION_KEY_FILE}),
         * else the key file {@code dev} keeps in the data directory, if there is one.
         */
        static EncryptionKeys keys(ServerConfig config) {
            if (!config.settings().encryption().ids().isEmpty()) {
                return config.settings().encryption();
            }
            Path devFile = config.dataDir().resolve(EncryptionKeys.DEV_KEY_FILE);
            if (config.database().isEmpty() && Files.isRegularFile(devFile)) {
                return EncryptionKeys.readFile(devFile);
            }
            throw new IllegalArgumentException("no encryption keys: set " + EncryptionKeys.KEYS_VARIABLE + " or "
                    + EncryptionKeys.FILE_VARIABLE + " as for `assent serve`");
        }

        @Command(name = "status", description = "Print how many stored secrets each key id seals; a key that seals nothing "
                + "can be removed.")
        static final class Status implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();

            @Override
            public Integer call() {
                ServerConfig config = options.resolve(System.getenv(), false, false);
                EncryptionKeys keys = keys(config);
                try (Database database = AssentServer.openDatabase(config, Database.Schema.VALIDATE)) {
                    Map<SealedColumn, Map<String, Long>> counts = new SealedSecrets(database, new SecretSealer(keys)).status();
                    Map<String, Long> total = new TreeMap<>();
                    keys.ids().forEach(id -> total.put(id, 0L));
                    counts.forEach((column, byKey) -> {
                        System.out.println(column.label() + ": " + (byKey.isEmpty() ? "no rows" : byKey.toString()));
                        byKey.forEach((id, n) -> total.merge(id, n, Long::sum));
                    });
                    total.forEach((id, n) -> System.out.println("key " + id + ": " + n + " rows"
                            + (id.equals(keys.active().id()) ? " (active)" : "")
                            + (id.equals(SealedSecrets.PLAINTEXT) ? "" : keys.find(id).isEmpty() ? " (NOT in the configured keys)"
                                    : n == 0 && !id.equals(keys.active().id()) ? " (seals nothing: can be removed)" : "")));
                }
                return 0;
            }
        }

        @Command(name = "rotate", description = "Re-seal every stored secret under the active (first) key, in small batches, "
                + "beside running servers.")
        static final class Rotate implements Callable<Integer> {
            @CommandLine.Mixin
            Options options = new Options();

            @Override
            public Integer call() {
                ServerConfig config = options.resolve(System.getenv(), false, false);
                EncryptionKeys keys = keys(config);
                try (Database database = AssentServer.openDatabase(config, Database.Schema.VALIDATE)) {
                    SecretSealer sealer = AssentServer.openSecrets(database, keys);
                    SealedSecrets secrets = new SealedSecrets(database, sealer);
                    long resealed = 0;
                    SealedSecrets.Resealed pass;
                    int passes = 0;
                    // A row a server rewrote during a pass was left as written; the next pass re-reads it.
                    do {
                        pass = secrets.rotate();
                        resealed += pass.resealed();
                        passes++;
                    } while (pass.changedMeanwhile() > 0 && passes < MAX_ROTATE_PASSES);
                    System.out.println("re-sealed " + resealed + " secrets under key " + sealer.activeKeyId()
                            + (pass.changedMeanwhile() > 0 ? "; " + pass.changedMeanwhile() + " changed meanwhile: run again" : ""));
                }
                return 0;
            }
        }
    }

    /** Passes of {@code encryption rotate} over rows that servers keep rewriting before it gives up and says so. */
    static final int MAX_ROTATE_PASSES = 5;

    /**
     * Serves until SIGTERM or SIGINT (Ctrl-C), then stops gracefully ({@link AssentServer#close}: readiness
     * 503, no new connections, work in flight finished within the shutdown grace, the pool closed) and
     * returns, so the process exits 0: a stop that was asked for is a success to a supervisor. Any other
     * way the JVM ends (SIGHUP, a fatal error) still closes the server through the shutdown hook.
     */
    private static void serveUntilShutdown(AssentServer server) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "assent-shutdown"));
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> signalled = new AtomicReference<>();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    signalled.compareAndSet(null, "SIG" + signal.getName());
                    stop.countDown();
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal (-Xrs): its default ends the process through the shutdown hook.
            }
        }
        // Once a stop signal is handled: a supervisor that waits for this line may stop the process cleanly.
        LoggerFactory.getLogger(Main.class).info("started: {}", StartTimes.summary());
        stop.await();
        LoggerFactory.getLogger(Main.class).info("{} received: stopping", signalled.get());
        server.close();
    }
}
