package dev.assent.server.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for Google's OAuth token endpoint ({@code POST /token}) and the FCM HTTP v1
 * send endpoint ({@code POST /v1/projects/{project}/messages:send}), recording what it receives. Sends
 * for a {@linkplain #stall stalled} project are recorded, then held unanswered until {@link #release()}.
 */
final class FakeFcm implements AutoCloseable {

    static final String ACCESS_TOKEN = "ya29.test-access-token";

    record Received(String path, String authorization, String contentType, String body) {
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    final BlockingQueue<Received> tokenRequests = new LinkedBlockingQueue<>();
    final BlockingQueue<Received> sends = new LinkedBlockingQueue<>();
    private final Set<String> stalledProjects = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger maxStalled = new AtomicInteger();
    final AtomicReference<Answer> sendAnswer = new AtomicReference<>(new Answer(200, "{\"name\":\"projects/demo-project/messages/1\"}"));

    private FakeFcm(HttpServer server) {
        this.server = server;
    }

    static FakeFcm start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeFcm fake = new FakeFcm(server);
            server.createContext("/token", exchange -> fake.answer(exchange, fake.tokenRequests,
                    new Answer(200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
            server.createContext("/v1/projects/", exchange -> fake.answer(exchange, fake.sends, null));
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds every send for {@code projectId} (its {@code /v1/projects/{projectId}/messages:send}) until {@link #release()}. */
    void stall(String projectId) {
        stalledProjects.add(projectId);
    }

    void release() {
        released.countDown();
    }

    /** Sends being held now. */
    int stalled() {
        return stalled.get();
    }

    /** The most sends held at once. */
    int maxStalled() {
        return maxStalled.get();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static Received next(BlockingQueue<Received> queue, Duration timeout) {
        try {
            Received received = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (received == null) {
                throw new AssertionError("nothing received within " + timeout);
            }
            return received;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void answer(HttpExchange exchange, BlockingQueue<Received> into, Answer answer) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        into.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        if (answer == null) {
            // A send: held while its project is stalled, then answered with sendAnswer.
            String[] segments = path.split("/");
            if (segments.length > 3 && stalledProjects.contains(segments[3])) {
                maxStalled.accumulateAndGet(stalled.incrementAndGet(), Math::max);
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    stalled.decrementAndGet();
                }
            }
            answer = sendAnswer.get();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
