package dev.assent.benchmark;

import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.factor.FactorLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code server/target/assent.jar}) in a process of its own, started with
 * {@code serve} and explicit configuration on 127.0.0.1, pinned to the server's core. Every hardening
 * limit that would refuse the benchmark's load is turned off through its variable, as an operator would.
 */
final class ServerProcess implements AutoCloseable {

    /** How long the jar may take to its first 200 on /healthz before the run is abandoned. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ACCOUNT_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Duration startToFirst200;
    private final Duration startToListening;
    private final long startCpuNanos;
    private final Path log;
    private final Map<String, String> environment;
    private final List<String> javaCommand;

    private ServerProcess(Process process, int port, Duration[] startTimes, long startCpuNanos, Path log,
            Map<String, String> environment, List<String> javaCommand) {
        this.process = process;
        this.port = port;
        this.startToListening = startTimes[0];
        this.startToFirst200 = startTimes[1];
        this.startCpuNanos = startCpuNanos;
        this.log = log;
        this.environment = environment;
        this.javaCommand = javaCommand;
    }

    /** The variables that take the load-cutting limits out of the way (README, limits and abuse protection). */
    static Map<String, String> limitsOff() {
        return Map.of(
                ChallengeLimits.CREATION_VARIABLE, "off",
                ChallengeLimits.SHORT_CODE_CREATION_VARIABLE, "off",
                ChallengeLimits.PENDING_PUSH_VARIABLE, "off",
                FactorLimits.CREATION_VARIABLE, "off",
                "ASSENT_LIMIT_TOTP_LOCKOUT", "off",
                "ASSENT_HTTP_MAX_CONNECTIONS", "8192",
                "ASSENT_HTTP_MAX_CONCURRENT_REQUESTS", "8192");
    }

    /**
     * Starts the jar over {@code database} and waits for its first 200 on {@code /healthz}, timing it from
     * just before the process is started (JVM start and migrations on the fresh database included).
     */
    static ServerProcess start(Path jar, TargetDatabase database, CpuPinning pinning, ServerCrypto provider)
            throws InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath()
                    + " (build it: ./mvnw -B -q -pl server -am -DskipTests package)");
        }
        int port = freeLoopbackPort();
        Map<String, String> env = new HashMap<>(limitsOff());
        env.putAll(database.serverEnvironment());
        env.put("ASSENT_HOST", "127.0.0.1");
        env.put("ASSENT_PORT", Integer.toString(port));
        env.put("ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("ASSENT_ENCRYPTION_KEYS", "bench1:" + freshKey());
        env.put("ASSENT_LOG_LEVEL", "WARN");
        env.put("ASSENT_CONSOLE", "false");
        env.put("ASSENT_SHUTDOWN_GRACE", "2s");
        // As users start it: through bin/assent-java (what `./assent serve` runs), with the start-up cache
        // when it is fresh; the provider choice rides on JDK_JAVA_OPTIONS, which the java launcher reads.
        List<String> java = launcher(jar);
        if (provider != null) {
            env.put("JDK_JAVA_OPTIONS", "-D" + dev.assent.server.device.CryptoProviders.PROPERTY + "=" + provider.propertyValue());
        }
        List<String> command = new ArrayList<>(pinning.serverPrefix());
        command.addAll(java);
        command.add("serve");
        Path log = database.directory().resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_") || k.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        // The JDK client is fine for the start-up probe: one request every few milliseconds, not load.
        HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        ServerProcess server = null;
        try {
            Duration[] times = waitForFirst200(process, probe, port, started, log);
            server = new ServerProcess(process, port, times, ProcStat.cpuNanos(process.pid()), log, env, java);
            return server;
        } finally {
            probe.close();
            if (server == null) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The product's launch of {@code jar}: {@code bin/assent-java JAR} of the checkout the jar was built in
     * ({@code server/target/assent.jar}), else plain {@code java} with the launcher's module flag.
     */
    static List<String> launcher(Path jar) {
        Path target = jar.toAbsolutePath().normalize().getParent();
        Path checkout = target == null || target.getParent() == null ? null : target.getParent().getParent();
        Path script = checkout == null ? null : checkout.resolve("bin").resolve("assent-java");
        if (script != null && Files.isExecutable(script)) {
            return List.of(script.toString(), jar.toAbsolutePath().toString());
        }
        return List.of(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toAbsolutePath().toString());
    }

    /** From just before the process started: to its listener accepting a connection, and to its first 200. */
    private static Duration[] waitForFirst200(Process process, HttpClient probe, int port, long started, Path log)
            throws InterruptedException {
        Duration listening = null;
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (listening == null) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                    listening = Duration.ofNanos(System.nanoTime() - started);
                } catch (IOException e) {
                    Thread.sleep(2);
                    continue;
                }
            }
            try {
                if (probe.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new Duration[] {listening, Duration.ofNanos(System.nanoTime() - started)};
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no 200 on /healthz within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    /** Creates an account with the jar's own {@code accounts create}, as an operator would; returns {SID, token}. */
    String[] createAccount() throws InterruptedException {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("accounts", "create"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_"));
        builder.environment().putAll(environment);
        try {
            Process p = builder.start();
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(ACCOUNT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("accounts create did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            String sid = null;
            String token = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("ACCOUNT_SID=")) {
                    sid = line.substring("ACCOUNT_SID=".length()).trim();
                } else if (line.startsWith("AUTH_TOKEN=")) {
                    token = line.substring("AUTH_TOKEN=".length()).trim();
                }
            }
            if (p.exitValue() != 0 || sid == null || token == null) {
                throw new IllegalStateException("accounts create failed (exit " + p.exitValue() + "): " + text);
            }
            return new String[] {sid, token};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run accounts create", e);
        }
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Duration startToFirst200() {
        return startToFirst200;
    }

    /** From just before the process started to its listener accepting a TCP connection. */
    Duration startToListening() {
        return startToListening;
    }

    /** CPU time (utime+stime, every thread) the server's process had used at its first 200. */
    long startCpuNanos() {
        return startCpuNanos;
    }

    OptionalLong rssBytes() {
        return ProcStat.rssBytes(process.pid());
    }

    boolean alive() {
        return process.isAlive();
    }

    String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no server log: " + e + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String freshKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
