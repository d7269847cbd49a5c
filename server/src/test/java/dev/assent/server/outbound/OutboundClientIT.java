package dev.assent.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound client against real peers on 127.0.0.1, with a test resolver and sockets that record
 * every connection: nothing here resolves a real name or sends a packet off loopback.
 */
class OutboundClientIT {

    static final Duration DEADLINE = Duration.ofSeconds(1);
    static final InetAddress LOOPBACK = literal("127.0.0.1");

    final RecordingSockets sockets = new RecordingSockets();
    final List<String> lookups = new CopyOnWriteArrayList<>();
    final AtomicInteger rebindAnswers = new AtomicInteger();
    final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    /** hook.test is this machine; internal.test and metadata.test are refused ranges; rebind.test changes its answer. */
    final HostResolver resolver = host -> {
        lookups.add(host);
        return switch (host) {
            case "hook.test" -> List.of(LOOPBACK);
            case "internal.test" -> List.of(literal("10.0.0.1"));
            case "metadata.test" -> List.of(literal("169.254.169.254"));
            case "mixed.test" -> List.of(LOOPBACK, literal("192.168.1.1"));
            // First the allowed 127.0.0.1, then 127.0.0.5: loopback still (so nothing leaves even if
            // it were connected), but outside the allow list, so connecting to it would be a rebind.
            case "rebind.test" -> List.of(rebindAnswers.getAndIncrement() == 0 ? LOOPBACK : literal("127.0.0.5"));
            default -> throw new UnknownHostException(host);
        };
    };

    /** Only 127.0.0.1 is allowed (not all of 127/8), over plain http. */
    final OutboundClient client = new OutboundClient(new OutboundPolicy(
            new OutboundSettings(List.of(Cidr.parse("127.0.0.1/32")), true, resolver)), sockets);

    @AfterEach
    void stop() {
        client.close();
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aNameIsConnectedToTheAddressItWasVettedAsAndKeepsItsHostHeader() {
        List<String> hosts = new CopyOnWriteArrayList<>();
        int port = server(200, hosts, null);
        OutboundResult result = post("http://hook.test:" + port + "/hook", false);
        assertThat(result).isInstanceOfSatisfying(OutboundResult.Answered.class, a -> assertThat(a.status()).isEqualTo(200));
        assertThat(hosts).containsExactly("hook.test:" + port);
        assertThat(lookups).containsExactly("hook.test");
        assertThat(sockets.connects).containsExactly(new InetSocketAddress(LOOPBACK, port));
    }

    @Test
    void aRebindingNameIsNeverConnectedToItsSecondAnswer() {
        int port = server(200, null, null);
        // Connection: close, so the second call needs a new connection and a new lookup.
        assertThat(post("http://rebind.test:" + port + "/a", false, Map.of("Connection", "close")).summary()).isEqualTo("HTTP 2xx");
        assertThat(post("http://rebind.test:" + port + "/b", false, Map.of("Connection", "close")).summary())
                .isEqualTo("refused by outbound policy");
        assertThat(lookups).containsExactly("rebind.test", "rebind.test");
        assertThat(sockets.connects).containsExactly(new InetSocketAddress(LOOPBACK, port));
    }

    @Test
    void refusedNamesAndLiteralsAreRefusedBeforeAnySocketIsMade() {
        for (String url : List.of("http://internal.test/", "http://metadata.test/latest/meta-data/", "http://mixed.test:8080/",
                "http://10.0.0.1/", "http://169.254.169.254/", "http://2130706433/", "http://0x7f.1/", "http://127.0.0.2/",
                "http://[::1]/", "http://[::ffff:10.0.0.1]/", "http://example.test:99999/", "http://u:p@hook.test/")) {
            assertThat(post(url, false)).as(url).isEqualTo(new OutboundResult.Failed(OutboundFailure.REFUSED));
        }
        assertThat(sockets.created).hasValue(0);
        assertThat(lookups).containsExactly("internal.test", "metadata.test", "mixed.test");
    }

    @Test
    void anUnknownNameIsNotResolvedAndNoSocketIsMade() {
        assertThat(post("http://nowhere.test/", false).summary()).isEqualTo("name not resolved");
        assertThat(sockets.created).hasValue(0);
    }

    @Test
    void aRedirectIsNotFollowed() {
        AtomicInteger hits = new AtomicInteger();
        int target = server(200, null, hits);
        int redirector = redirect("http://127.0.0.1:" + target + "/elsewhere");
        OutboundResult result = post("http://127.0.0.1:" + redirector + "/hook", true);
        assertThat(result.summary()).isEqualTo("HTTP 3xx");
        assertThat(hits).hasValue(0);
        assertThat(sockets.connects).containsExactly(new InetSocketAddress(LOOPBACK, redirector));
    }

    @Test
    void aTricklingBodyIsCutAtTheDeadline() {
        try (LoopbackPeer peer = new LoopbackPeer(LoopbackPeer.trickle(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", 100, 200))) {
            long start = System.nanoTime();
            OutboundResult result = post("http://127.0.0.1:" + peer.port() + "/token", true);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result).isEqualTo(new OutboundResult.Failed(OutboundFailure.TIMEOUT));
            assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void tricklingHeadersAreCutAtTheDeadlineEvenWhenTheBodyIsNotWanted() {
        try (LoopbackPeer peer = new LoopbackPeer(LoopbackPeer.trickle("HTTP/1.1 200 OK\r\nX-Slow: ", 100, 200))) {
            long start = System.nanoTime();
            OutboundResult result = post("http://127.0.0.1:" + peer.port() + "/hook", false);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result).isEqualTo(new OutboundResult.Failed(OutboundFailure.TIMEOUT));
            assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aResponseBodyIsReadUpToTheBoundAndNoFurther() {
        int limit = OutboundHttp.MAX_RESPONSE_BYTES;
        try (LoopbackPeer exact = new LoopbackPeer(body(limit)); LoopbackPeer over = new LoopbackPeer(body(limit + 1))) {
            OutboundResult fits = post("http://127.0.0.1:" + exact.port() + "/", true);
            assertThat(fits).isInstanceOf(OutboundResult.Answered.class);
            assertThat(((OutboundResult.Answered) fits).body()).hasSize(limit);
            assertThat(post("http://127.0.0.1:" + over.port() + "/", true))
                    .isEqualTo(new OutboundResult.Failed(OutboundFailure.RESPONSE_TOO_LARGE));
        }
    }

    @Test
    void failuresAreCoarseAndEchoNothingThePeerSent() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort();
        }
        assertThat(post("http://127.0.0.1:" + closed + "/", false).summary()).isEqualTo("connect failed");
        try (LoopbackPeer garbage = new LoopbackPeer(out -> out.write("SSH-2.0-OpenSSH_9.6 secret-banner\r\n".getBytes(
                StandardCharsets.US_ASCII)))) {
            String summary = post("http://127.0.0.1:" + garbage.port() + "/", false).summary();
            assertThat(summary).isEqualTo("connection lost").doesNotContain("SSH");
        }
        try (LoopbackPeer silent = new LoopbackPeer(out -> Thread.sleep(5_000))) {
            assertThat(post("http://127.0.0.1:" + silent.port() + "/", false).summary()).isEqualTo("timeout");
        }
        int teapot = server(418, null, null);
        assertThat(post("http://127.0.0.1:" + teapot + "/", false).summary()).isEqualTo("HTTP 4xx");
    }

    OutboundResult post(String url, boolean readResponse) {
        return post(url, readResponse, Map.of());
    }

    OutboundResult post(String url, boolean readResponse, Map<String, String> headers) {
        return client.post(new OutboundRequest(URI.create(url), headers, "application/x-www-form-urlencoded",
                "a=b".getBytes(StandardCharsets.UTF_8), DEADLINE, readResponse));
    }

    static LoopbackPeer.Script body(int size) {
        return out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[size]);
            out.flush();
        };
    }

    /** An HTTP server on 127.0.0.1 answering {@code status}, recording Host headers and counting hits. */
    int server(int status, List<String> hosts, AtomicInteger hits) {
        HttpServer server = start();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (hosts != null) {
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            }
            if (hits != null) {
                hits.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        return server.getAddress().getPort();
    }

    int redirect(String location) {
        HttpServer server = start();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return server.getAddress().getPort();
    }

    HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
            server.start();
            servers.add(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetAddress literal(String text) {
        return HostLiterals.literal(text).orElseThrow();
    }
}
