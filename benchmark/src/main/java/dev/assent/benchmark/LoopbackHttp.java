package dev.assent.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's HTTP/1.1 client to the server on 127.0.0.1: a pool of lean keep-alive
 * {@link HttpConnection}s (blocking sockets), and requests encoded to bytes before the clock starts.
 * A constant request ({@code GET /healthz}, the service read, a create) is one {@link Request}, encoded once
 * per client; a device request is a {@link DeviceRequest}: constant bytes around the one thing that changes,
 * the {@code Authorization} value with its freshly signed device JWT.
 *
 * <p>It replaced the JDK {@code HttpClient}, whose per-request cost (builders, header maps, its selector
 * thread and futures) kept the load generator's core busier than the server's: see docs/decisions.md,
 * "The benchmark's load generator".
 */
final class LoopbackHttp implements AutoCloseable {

    /** Bounds every request, so that a stuck server cannot keep the benchmark running. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A pooled connection idle this long is closed rather than reused (the server's idle timeout is 60 s). */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final byte[] CRLF = {'\r', '\n'};

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InetSocketAddress address;
    private final String host;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

    LoopbackHttp(int port) {
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (!address.getAddress().getHostAddress().equals("127.0.0.1")) {
            throw new IllegalStateException("the loopback address is " + address.getAddress() + ", the benchmark expects 127.0.0.1");
        }
        this.host = "127.0.0.1:" + port;
    }

    /** The server's address (127.0.0.1). */
    InetSocketAddress address() {
        return address;
    }

    /** A response as the benchmark needs it; {@code body} is empty when it was not asked for. */
    record Reply(int status, String body, Optional<String> signatureFields) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response is not JSON: " + abbreviated(), e);
            }
        }

        String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        /** Status and the start of the body, for error reports. */
        String abbreviated() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return "HTTP " + status + " " + shown.replace('\n', ' ');
        }
    }

    /** A request whose bytes never change. */
    record Request(String method, String path, byte[] bytes) {
    }

    /**
     * A device request: {@code head}, then the {@code Authorization} value (a fresh device JWT each time),
     * then {@code tail} (the rest of the headers and the body).
     */
    record DeviceRequest(String method, String path, byte[] head, byte[] tail) {
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code application/x-www-form-urlencoded} from name, value, name, value… */
    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** Encodes a request once; {@code form} null for a GET. */
    Request request(String method, String path, String authorization, String form) {
        String head = startOf(method, path) + (authorization == null ? "" : "Authorization: " + authorization + "\r\n");
        return new Request(method, path, (head + restOf(form)).getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes everything but the {@code Authorization} value once; {@code form} null for a GET. */
    DeviceRequest deviceRequest(String method, String path, String form) {
        return new DeviceRequest(method, path, (startOf(method, path) + "Authorization: ").getBytes(StandardCharsets.UTF_8),
                ("\r\n" + restOf(form)).getBytes(StandardCharsets.UTF_8));
    }

    private String startOf(String method, String path) {
        if (!path.startsWith("/") || path.contains(" ") || path.contains("\r") || path.contains("\n")) {
            throw new IllegalArgumentException("not a request path: " + path);
        }
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
    }

    private static String restOf(String form) {
        if (form == null) {
            return "\r\n";
        }
        return "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: "
                + form.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + form;
    }

    /** Sends a constant request; the body is kept only when {@code keepBody} (errors always keep it). */
    Reply send(Request request, boolean keepBody) {
        return exchange(request.method(), request.path(), keepBody, request.bytes());
    }

    /** Sends a device request with {@code authorization} (ASCII, e.g. {@code Basic …}). */
    Reply send(DeviceRequest request, byte[] authorization, boolean keepBody) {
        return exchange(request.method(), request.path(), keepBody, request.head(), authorization, request.tail());
    }

    /** Sends request bytes made elsewhere ({@code method} and {@code path} only name it in errors). */
    Reply send(String method, String path, byte[] request, boolean keepBody) {
        return exchange(method, path, keepBody, request);
    }

    /** The bytes of a device request with {@code authorization}, for a client that writes them itself. */
    static byte[] bytes(DeviceRequest request, byte[] authorization) {
        byte[] all = new byte[request.head().length + authorization.length + request.tail().length];
        System.arraycopy(request.head(), 0, all, 0, request.head().length);
        System.arraycopy(authorization, 0, all, request.head().length, authorization.length);
        System.arraycopy(request.tail(), 0, all, request.head().length + authorization.length, request.tail().length);
        return all;
    }

    Reply post(String path, String authorization, String form) {
        return send(request("POST", path, authorization, form), true);
    }

    Reply get(String path, String authorization) {
        return send(request("GET", path, authorization, null), true);
    }

    private Reply exchange(String method, String path, boolean keepBody, byte[]... parts) {
        HttpConnection connection = null;
        try {
            connection = acquire();
            // The body of a failure is always read: it goes into the report.
            HttpConnection.Response response = connection.exchange(true, parts);
            boolean wanted = keepBody || response.status() >= 300;
            return new Reply(response.status(), wanted ? response.bodyText() : "", Optional.ofNullable(response.signatureFields()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        } finally {
            if (connection != null) {
                release(connection);
            }
        }
    }

    private HttpConnection acquire() throws IOException {
        long now = System.nanoTime();
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.isOpen() && connection.idleNanos(now) < MAX_IDLE_NANOS) {
                return connection;
            }
            connection.close();
        }
        return new HttpConnection(address, (int) REQUEST_TIMEOUT.toMillis());
    }

    private void release(HttpConnection connection) {
        if (connection.isOpen()) {
            idle.offerFirst(connection);
        }
    }

    /** Closes the idle connections; those in use close when their request fails or ends the benchmark. */
    @Override
    public void close() {
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }
}
