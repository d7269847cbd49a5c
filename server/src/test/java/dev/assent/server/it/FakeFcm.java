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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for Google's OAuth token endpoint ({@code POST /token}) and the FCM HTTP v1
 * send endpoint ({@code POST /v1/projects/{project}/messages:send}), recording what it receives.
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
            server.createContext("/v1/projects/", exchange -> fake.answer(exchange, fake.sends, fake.sendAnswer.get()));
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
        into.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
