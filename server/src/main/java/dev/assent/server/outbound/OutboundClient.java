package dev.assent.server.outbound;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * {@link OutboundHttp} on OkHttp, chosen for its {@code Dns} hook: the policy resolves and vets a
 * host there, and OkHttp connects only to the addresses it returns, so a name cannot resolve to one
 * address when checked and another when connected (DNS rebinding). An address literal never reaches
 * the hook (OkHttp connects to it as written), so every URL is checked by
 * {@link OutboundPolicy#problem} first. TLS still verifies the URL's host name.
 *
 * <p>No redirects, no proxy (a system proxy would pick its own addresses), no retries, no cookies,
 * no cache; a deadline on the whole call; response bodies read up to {@link #MAX_RESPONSE_BYTES}
 * or not at all.
 */
public final class OutboundClient implements OutboundHttp {

    /** The connect limit within a call's deadline. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final String USER_AGENT = "Assent/1.0";

    private final OutboundPolicy policy;
    private final SocketFactory sockets;
    /** Built on the first call: a start that sends nothing (most, and every first 200) does not pay for OkHttp. */
    private volatile OkHttpClient http;

    /** Whether the call got a connection: what tells "connect failed" from a later failure. */
    private static final class Progress {
        volatile boolean connected;
    }

    public OutboundClient(OutboundPolicy policy) {
        this(policy, SocketFactory.getDefault());
    }

    /** With the sockets {@code sockets} makes: tests count and inspect every connection attempt. */
    OutboundClient(OutboundPolicy policy, SocketFactory sockets) {
        this.policy = policy;
        this.sockets = sockets;
    }

    private OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = build(policy, sockets);
                    http = client;
                }
            }
        }
        return client;
    }

    private static OkHttpClient build(OutboundPolicy policy, SocketFactory sockets) {
        return new OkHttpClient.Builder()
                .dns(policy::addresses)
                .socketFactory(sockets)
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(CONNECT_TIMEOUT)
                // The call's deadline bounds everything; no separate read or write limit.
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .eventListenerFactory(call -> new EventListener() {
                    @Override
                    public void connectionAcquired(Call c, Connection connection) {
                        Optional.ofNullable(c.request().tag(Progress.class)).ifPresent(p -> p.connected = true);
                    }
                })
                .build();
    }

    public OutboundPolicy policy() {
        return policy;
    }

    @Override
    public OutboundResult post(OutboundRequest request) {
        if (policy.problem(request.url()).isPresent()) {
            return new OutboundResult.Failed(OutboundFailure.REFUSED);
        }
        HttpUrl url = HttpUrl.get(request.url().toString());
        Progress progress = new Progress();
        Request.Builder builder = new Request.Builder()
                .url(url)
                .tag(Progress.class, progress)
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(request.body(), MediaType.get(request.contentType())));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        Call call = http().newCall(builder.build());
        call.timeout().timeout(request.deadline().toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            if (!request.readResponse()) {
                return new OutboundResult.Answered(response.code(), new byte[0]);
            }
            Optional<byte[]> body = readBounded(response.body());
            return body.<OutboundResult>map(b -> new OutboundResult.Answered(response.code(), b))
                    .orElseGet(() -> new OutboundResult.Failed(OutboundFailure.RESPONSE_TOO_LARGE));
        } catch (IOException e) {
            return new OutboundResult.Failed(classify(e, progress.connected));
        }
    }

    private static OutboundFailure classify(IOException e, boolean connected) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutboundRefusedException) {
                return OutboundFailure.REFUSED;
            }
        }
        if (!connected) {
            return e instanceof UnknownHostException ? OutboundFailure.NAME_NOT_RESOLVED : OutboundFailure.CONNECT_FAILED;
        }
        return e instanceof InterruptedIOException ? OutboundFailure.TIMEOUT : OutboundFailure.CONNECTION_LOST;
    }

    /** The body if it is at most {@link #MAX_RESPONSE_BYTES}, else empty; the call's deadline covers the reading. */
    private static Optional<byte[]> readBounded(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= MAX_RESPONSE_BYTES) {
            if (source.read(buffer, 8192) == -1) {
                return Optional.of(buffer.readByteArray());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        OkHttpClient client = http;
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
