package dev.assent.server.it;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded benchmark of durable creates (not a test): starts a packaged jar ({@code dev}, SQLite,
 * a fresh data directory, loopback only), then {@code clients} threads send {@code POST /v2/Services}
 * until {@code requests} creates were sent or 60 s passed, and prints creates/s and latency percentiles.
 * Run it on the jar before and after a change:
 * {@code java -cp server/target/test-classes dev.assent.server.it.GroupCommitBenchmark server/target/assent.jar 32 6000}.
 */
public final class GroupCommitBenchmark {

    private GroupCommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 6000;
        Path dir = Files.createTempDirectory("assent-gc-bench");
        String sid = "AC" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toAbsolutePath().toString(), "dev")
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSENT_"));
        builder.environment().put("ASSENT_DATA_DIR", Files.createDirectory(dir.resolve("data")).toString());
        builder.environment().put("ASSENT_PORT", Integer.toString(port));
        builder.environment().put("ASSENT_ACCOUNT_SID", sid);
        builder.environment().put("ASSENT_AUTH_TOKEN", token);
        Process server = builder.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            awaitReady(client, base, server);
            String auth = "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
            run(client, base, auth, clients, Math.min(requests, 1000), "warm-up");
            run(client, base, auth, clients, requests, "measured");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static void awaitReady(HttpClient client, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the server did not become ready");
    }

    private static void run(HttpClient client, String base, String auth, int clients, int requests, String label) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long[] latencies = new long[requests];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(pool.submit(() -> {
                    int i;
                    while ((i = sent.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/Services"))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("FriendlyName=Bench+" + i)).build();
                        long t0 = System.nanoTime();
                        try {
                            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status != 201) {
                                refused.incrementAndGet();
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = Math.min(sent.get(), requests);
        long[] sorted = Arrays.copyOf(latencies, done);
        Arrays.sort(sorted);
        System.out.printf("%s: %d creates, %d clients, %.2f s, %.0f creates/s, p50 %.1f ms, p99 %.1f ms, non-201 %d%n", label, done,
                clients, seconds, done / seconds, sorted[done / 2] / 1e6, sorted[(int) (done * 0.99)] / 1e6, refused.get());
    }
}
