package dev.assent.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Assent server under test: either a {@code java -jar server/target/assent.jar dev} subprocess
 * started for this run, or an already running server named by {@code ASSENT_BASE_URL},
 * {@code ASSENT_ACCOUNT_SID} and {@code ASSENT_AUTH_TOKEN}.
 *
 * <p>A started server gets a free loopback port, a fresh data directory under {@code target/}, a
 * random account, and its stdout/stderr in {@code target/assent-server.{stdout,stderr}.log}. It is
 * stopped by {@link #close()} and, should the test JVM die first, by a shutdown hook.
 */
final class AssentServer implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI baseUrl;
    private final Account account;
    private final Optional<Process> process;
    private final Optional<Path> dataDir;
    private final Path workDir;
    private final Thread shutdownHook;
    private Optional<Account> secondAccount; // created on first use, guarded by this

    /** Account credentials: the Basic user and password of the server-side SDKs. */
    record Account(String sid, String authToken) {
        @Override
        public String toString() {
            return "Account[" + sid + "]";
        }
    }

    private AssentServer(URI baseUrl, Account account, Optional<Process> process, Optional<Path> dataDir, Path workDir) {
        this.baseUrl = baseUrl;
        this.account = account;
        this.process = process;
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::stopProcess, "assent-server-shutdown");
        process.ifPresent(p -> Runtime.getRuntime().addShutdownHook(shutdownHook));
    }

    /** Uses {@code ASSENT_BASE_URL} when set, else starts the jar named by {@code assent.server.jar}. */
    static AssentServer startOrConnect() {
        Path workDir = Path.of(System.getProperty("assent.conformance.work.dir", "target")).toAbsolutePath();
        String external = System.getenv("ASSENT_BASE_URL");
        if (external != null && !external.isBlank()) {
            Account account = new Account(requireEnv("ASSENT_ACCOUNT_SID"), requireEnv("ASSENT_AUTH_TOKEN"));
            URI baseUrl = URI.create(external.replaceAll("/+$", ""));
            awaitReady(baseUrl, account, Optional.empty(), workDir);
            return new AssentServer(baseUrl, account, Optional.empty(), Optional.empty(), workDir);
        }
        return start(workDir, Map.of());
    }

    /**
     * A server of the test's own, started from the same jar with {@code settings} added to its
     * environment (say, a short lifetime a test waits out), its logs and data under {@code target/name/};
     * empty when the run uses an external server ({@code ASSENT_BASE_URL}), whose settings are its own.
     * The caller closes it.
     */
    static Optional<AssentServer> startOwn(String name, Map<String, String> settings) {
        String external = System.getenv("ASSENT_BASE_URL");
        if (external != null && !external.isBlank()) {
            return Optional.empty();
        }
        Path workDir = Path.of(System.getProperty("assent.conformance.work.dir", "target")).toAbsolutePath();
        return Optional.of(start(workDir.resolve(name), settings));
    }

    private static AssentServer start(Path workDir, Map<String, String> settings) {
        Path jar = Path.of(System.getProperty("assent.server.jar", "../server/target/assent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Server jar not found at " + jar
                    + ": build server/ first (./mvnw -pl server package) or set ASSENT_BASE_URL.");
        }
        try {
            Files.createDirectories(workDir);
            Path dataDir = Files.createTempDirectory(workDir, "assent-data-");
            int port = freePort();
            URI baseUrl = URI.create("http://127.0.0.1:" + port);
            Account account = new Account("AC" + randomHex(32), randomHex(32));
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-jar", jar.toString(), "dev")
                    .directory(workDir.toFile())
                    .redirectOutput(workDir.resolve("assent-server.stdout.log").toFile())
                    .redirectError(workDir.resolve("assent-server.stderr.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("ASSENT_PORT", Integer.toString(port));
            env.put("ASSENT_DATA_DIR", dataDir.toString());
            env.put("ASSENT_ACCOUNT_SID", account.sid());
            env.put("ASSENT_AUTH_TOKEN", account.authToken());
            env.put("ASSENT_PUBLIC_URL", baseUrl.toString());
            env.putAll(settings);
            Process process = builder.start();
            AssentServer server = new AssentServer(baseUrl, account, Optional.of(process), Optional.of(dataDir), workDir);
            try {
                awaitReady(baseUrl, account, Optional.of(process), workDir);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    Account account() {
        return account;
    }

    /** A second account on the same server, created once per run; empty if none can be had. */
    synchronized Optional<Account> secondAccount() {
        if (secondAccount == null) {
            secondAccount = createAccount();
        }
        return secondAccount;
    }

    /**
     * A new account of its own, for a test that changes its credentials (token rotation); empty for
     * an external server, whose shared accounts such a test must not touch.
     */
    Optional<Account> freshAccount() {
        return dataDir.isEmpty() ? Optional.empty() : createAccount();
    }

    /**
     * Creates another account with {@code assent.jar accounts create} on the same data directory,
     * which prints exactly {@code ACCOUNT_SID=AC…} and {@code AUTH_TOKEN=…}. Only possible for a
     * server this run started; for an external server, {@code ASSENT_SECOND_ACCOUNT_SID} and
     * {@code ASSENT_SECOND_AUTH_TOKEN} may name one.
     */
    private Optional<Account> createAccount() {
        if (dataDir.isEmpty()) {
            String sid = System.getenv("ASSENT_SECOND_ACCOUNT_SID");
            String token = System.getenv("ASSENT_SECOND_AUTH_TOKEN");
            return sid == null || token == null ? Optional.empty() : Optional.of(new Account(sid, token));
        }
        Path jar = Path.of(System.getProperty("assent.server.jar", "../server/target/assent.jar")).toAbsolutePath();
        try {
            Path log = workDir.resolve("assent-accounts-create.log");
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-jar", jar.toString(), "accounts", "create")
                    .directory(workDir.toFile())
                    .redirectError(log.toFile());
            builder.environment().put("ASSENT_DATA_DIR", dataDir.get().toString());
            Process create = builder.start();
            String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                create.destroyForcibly();
                throw new IllegalStateException("'assent.jar accounts create' failed; stdout:\n" + out
                        + "\nstderr: " + Files.readString(log));
            }
            String sid = null;
            String token = null;
            for (String line : out.strip().split("\\R")) {
                if (line.startsWith("ACCOUNT_SID=")) {
                    sid = line.substring("ACCOUNT_SID=".length()).strip();
                } else if (line.startsWith("AUTH_TOKEN=")) {
                    token = line.substring("AUTH_TOKEN=".length()).strip();
                }
            }
            if (sid == null || token == null) {
                throw new IllegalStateException("'assent.jar accounts create' printed no ACCOUNT_SID/AUTH_TOKEN lines:\n" + out);
            }
            return Optional.of(new Account(sid, token));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopProcess();
        if (process.isPresent()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing to remove
            }
        }
    }

    private void stopProcess() {
        process.ifPresent(p -> {
            if (!p.isAlive()) {
                return;
            }
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Polls GET /v2/Services with the account's credentials until it answers 200. */
    private static void awaitReady(URI baseUrl, Account account, Optional<Process> process, Path workDir) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/Services"))
                .header("Authorization", basic(account.sid(), account.authToken()))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Instant deadline = Instant.now().plus(STARTUP_DEADLINE);
        List<String> attempts = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            if (process.isPresent() && !process.get().isAlive()) {
                throw new IllegalStateException("Assent exited with code " + process.get().exitValue()
                        + " before serving " + probe.uri() + diagnostics(workDir));
            }
            try {
                HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                attempts.add(response.statusCode() + " " + response.body());
            } catch (IOException notYetListening) {
                attempts.add(notYetListening.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String last = attempts.isEmpty() ? "none" : attempts.get(attempts.size() - 1);
        throw new IllegalStateException("Assent did not answer 200 on " + probe.uri() + " within "
                + STARTUP_DEADLINE.toSeconds() + " s; last answer: " + last + diagnostics(workDir));
    }

    private static String diagnostics(Path workDir) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("assent-server.stdout.log", "assent-server.stderr.log")) {
            Path log = workDir.resolve(name);
            out.append("\n--- ").append(log).append(" (tail)\n");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append(e).append('\n');
            }
        }
        return out.toString();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same java that runs the tests, so the server gets the JDK the build chose. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String randomHex(int digits) {
        byte[] bytes = new byte[digits / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("ASSENT_BASE_URL is set, so " + name + " must be set too");
        }
        return value;
    }
}
