package dev.assent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-thread closed-loop clients against the JDK's HTTP server on 127.0.0.1: every request answered
 * and counted once, over one kept-alive connection per client; chunked answers complete; a wrong status is an
 * error, not a latency; the request cap and the stop signal end the loop.
 */
class SelectorClientsTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/ok", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            served.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("y".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("end".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/refused", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"code\":20003}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Result run(String path, int clients, int status, long cap) throws InterruptedException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<SelectorClients.Source> sources = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sources.add(() -> request);
        }
        SelectorClients selector = new SelectorClients(server.getAddress(), Step.HEALTHZ, status, sources);
        Measurement warming = new Measurement();
        Measurement measured = new Measurement();
        AtomicReference<Measurement> current = new AtomicReference<>(measured);
        AtomicLong iterations = new AtomicLong();
        boolean[] stop = {false};
        long deadline = System.nanoTime() + 20_000_000_000L;
        Thread loop = Thread.ofPlatform().start(() -> selector.run(current, warming, () -> stop[0], deadline, iterations, cap));
        long until = System.nanoTime() + 10_000_000_000L;
        while (iterations.get() < cap + clients && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        stop[0] = true;
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
        return new Result(measured.histograms().get(Step.HEALTHZ).getTotalCount(), measured.errors(), measured.errorSamples());
    }

    private record Result(long recorded, long errors, List<String> samples) {
    }

    @Test
    void everyRequestUpToTheCapIsAnsweredAndRecordedOnce() throws InterruptedException {
        Result result = run("/ok", 8, 200, 2_000);
        assertThat(result.errors()).as(result.samples().toString()).isZero();
        assertThat(result.recorded()).isEqualTo(2_000);
        assertThat(served.get()).isEqualTo(2_000);
        assertThat(clientPorts).as("one kept-alive connection per client").hasSize(8);
    }

    @Test
    void chunkedAnswersComplete() throws InterruptedException {
        Result result = run("/chunked", 4, 200, 300);
        assertThat(result.errors()).as(result.samples().toString()).isZero();
        assertThat(result.recorded()).isEqualTo(300);
    }

    @Test
    void aWrongStatusIsAnErrorNotALatency() throws InterruptedException {
        Result result = run("/refused", 2, 200, 20);
        assertThat(result.recorded()).isZero();
        assertThat(result.errors()).isEqualTo(20);
        assertThat(result.samples()).first().asString().startsWith("GET /healthz: HTTP 401").contains("20003");
    }
}
