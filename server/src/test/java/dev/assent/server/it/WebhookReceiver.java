package dev.assent.server.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer backend for webhook tests: a JDK HTTP server on 127.0.0.1:0 that records every request
 * and answers from a script (a status per request, 200 once the script is used up), or stalls.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String query, Map<String, String> headers, Map<String, String> params) {
        String type() {
            return params.get("type");
        }
    }

    /** Answered with this status; {@link #STALL} holds the request until {@link #release()}. */
    static final int STALL = -1;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean stallAll;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The statuses of the next requests, in order. */
    void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Holds every request from now on until {@link #release()}. */
    void stallAll() {
        stallAll = true;
    }

    void release() {
        stallAll = false;
        released.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Requests answered so far (stalled ones are not, until released). */
    int answered() {
        return answered.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers,
                    Http.parseForm(body)));
            Integer status = script.poll();
            if (stallAll || (status != null && status == STALL)) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            answered.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    static List<String> types(List<Received> requests) {
        List<String> types = new ArrayList<>();
        requests.forEach(r -> types.add(r.type()));
        return types;
    }
}
