package dev.assent.conformance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.net.WWWFormCodec;
import org.junit.jupiter.api.Assumptions;

/**
 * A webhook receiver for the conformance ITs ({@link WebhooksIT}, {@link PasskeysIT}): the JDK's HTTP server on
 * {@code 127.0.0.1}, an ephemeral port, answering every request to {@code /events} with 204 and keeping what came
 * (headers lower-cased, the form decoded by a library) until polled. Loopback only: it is started only when the
 * server under test is itself on a loopback address (an external {@code ASSENT_BASE_URL} could not reach it).
 */
final class LoopbackWebhookReceiver implements AutoCloseable {

    /** One delivery: its headers (names lower-cased, first value) and its form (a repeated name keeps its last value). */
    record Delivery(Map<String, String> headers, Map<String, String> params) {}

    private final HttpServer server;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    private LoopbackWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** A started receiver; the test is aborted (an assumption) when the server under test is not on loopback. */
    static LoopbackWebhookReceiver start(Conformance conformance) throws IOException {
        Assumptions.assumeTrue(isLoopback(conformance), "the server must reach a receiver on 127.0.0.1");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LoopbackWebhookReceiver receiver = new LoopbackWebhookReceiver(server);
        server.createContext("/events", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            receiver.received.add(new Delivery(headers, parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** The URL to register: {@code http://127.0.0.1:<port>/events}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** The next delivery, or null when none came within {@code timeout}. */
    Delivery poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The forms delivered, keyed by their {@code type} (a later one of a type replaces an earlier), until
     * {@code types} distinct types came or {@code within} passed.
     */
    Map<String, Map<String, String>> eventsByType(int types, Duration within) throws InterruptedException {
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(within);
        while (byType.size() < types && Instant.now().isBefore(deadline)) {
            Delivery delivery = poll(Duration.ofMillis(500));
            if (delivery != null) {
                byType.put(delivery.params().get("type"), delivery.params());
            }
        }
        return byType;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static boolean isLoopback(Conformance conformance) {
        try {
            return InetAddress.getByName(conformance.baseUrl().getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        WWWFormCodec.parse(form, StandardCharsets.UTF_8).forEach(pair -> params.put(pair.getName(), pair.getValue()));
        return params;
    }
}
