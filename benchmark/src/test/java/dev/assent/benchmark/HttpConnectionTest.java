package dev.assent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean client against real HTTP servers on 127.0.0.1: the JDK's HTTP server for well-formed answers
 * (fixed length, chunked, keep-alive, {@code Connection: close}), and a raw socket for broken or hostile ones,
 * which must fail the request, boundedly, instead of hanging or buffering without limit.
 */
class HttpConnectionTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> lastRequest = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/fixed", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestBody().readAllBytes();
            lastRequest.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders()
                    .getFirst("Authorization") + " body=" + new String(body, StandardCharsets.UTF_8));
            byte[] answer = "{\"sid\":\"YC1\",\"status\":\"pending\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Twilio-Verify-Signature-Fields", "sid,status");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("x".repeat(70_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("-end".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/close", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private InetSocketAddress address() {
        return server.getAddress();
    }

    @Test
    void sendsPreEncodedRequestsOverOneKeptAliveConnection() throws IOException {
        LoopbackHttp http = new LoopbackHttp(address().getPort());
        LoopbackHttp.DeviceRequest post = http.deviceRequest("POST", "/fixed/a", LoopbackHttp.form("AuthPayload", "a b&c"));
        for (int i = 0; i < 50; i++) {
            LoopbackHttp.Reply reply = http.send(post, ("Basic token" + i).getBytes(StandardCharsets.US_ASCII), i % 2 == 0);
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.signatureFields()).contains("sid,status");
            assertThat(reply.body()).isEqualTo(i % 2 == 0 ? "{\"sid\":\"YC1\",\"status\":\"pending\"}" : "");
            assertThat(lastRequest.get()).isEqualTo("POST /fixed/a auth=Basic token" + i + " body=AuthPayload=a+b%26c");
        }
        assertThat(http.get("/fixed/b", null).text("sid")).isEqualTo("YC1");
        assertThat(clientPorts).as("one connection, reused").hasSize(1);
        http.close();
    }

    @Test
    void readsChunkedBodiesAcrossBufferRefills() throws IOException {
        try (HttpConnection connection = new HttpConnection(address(), 5_000)) {
            byte[] request = ("GET /chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            HttpConnection.Response first = connection.exchange(true, request);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bodyText()).hasSize(70_004).startsWith("xxx").endsWith("x-end");
            HttpConnection.Response skipped = connection.exchange(false, request);
            assertThat(skipped.status()).isEqualTo(200);
            assertThat(skipped.body()).isNull();
            assertThat(connection.isOpen()).isTrue();
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void closesWhenTheServerSaysConnectionClose() throws IOException {
        try (HttpConnection connection = new HttpConnection(address(), 5_000)) {
            HttpConnection.Response response = connection.exchange(true,
                    "GET /close HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(response.status()).isEqualTo(404);
            assertThat(connection.isOpen()).isFalse();
        }
    }

    @Test
    void refusesBrokenAndOversizedResponsesWithoutHanging() throws Exception {
        String endless = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "a".repeat(1000) + "\r\n").repeat(40);
        assertRefused(endless, "longer than");
        assertRefused("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n", "over the limit");
        assertRefused("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "closed the connection");
        assertRefused("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP/1.x status line");
        assertRefused("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", "bad status code");
        assertRefused("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", "bad Content-Length");
        assertRefused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffff\r\n", "over the limit");
        assertRefused("HTTP/1.1 200 OK\r\n\r\nbody until close", "without Content-Length");
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                HttpConnection connection = new HttpConnection((InetSocketAddress) silent.getLocalSocketAddress(), 300)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.exchange(true, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
            assertThat(connection.isOpen()).isFalse();
        }
    }

    /** A raw server that answers the first request with {@code answer} and then closes. */
    private static void assertRefused(String answer, String message) throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread responder = Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = raw.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[4096]);
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.shutdownOutput();
                    Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                    // the client may have closed first
                }
            });
            try (HttpConnection connection = new HttpConnection((InetSocketAddress) raw.getLocalSocketAddress(), 5_000)) {
                assertThatThrownBy(() -> connection.exchange(true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                        .as(answer.substring(0, Math.min(40, answer.length())))
                        .isInstanceOf(IOException.class).hasMessageContaining(message);
                assertThat(connection.isOpen()).isFalse();
            }
            responder.join(5_000);
        }
    }
}
