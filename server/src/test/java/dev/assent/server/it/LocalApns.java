package dev.assent.server.it;

import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pushy's {@link MockApnsServer} on a loopback port, with TLS from a certificate generated at test
 * time. It accepts every push (token authentication) except to tokens marked unregistered, which
 * get APNs' 410 {@code Unregistered}, and records what it received.
 */
final class LocalApns implements AutoCloseable {

    /** One push as APNs saw it: its HTTP/2 headers (":path", "apns-topic", …) and JSON payload. */
    record Received(Map<String, String> headers, String payload, String rejection, String clientSubject) {
        String token() {
            String path = headers.get(":path");
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    final PushTestKeys.SelfSigned tls;
    /** The client certificate a certificate-based credential presents; the server trusts it. */
    final PushTestKeys.SelfSigned client = PushTestKeys.selfSigned("apns client");
    final int port;
    private volatile String lastClientSubject;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final Set<String> unregisteredTokens = ConcurrentHashMap.newKeySet();
    private MockApnsServer server;

    LocalApns(PushTestKeys.SelfSigned tls, int port) {
        this.tls = tls;
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    LocalApns start() {
        try {
            PushNotificationHandler accept = new AcceptAllPushNotificationHandlerFactory().buildHandler(null);
            server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[] {tls.certificate()}, tls.privateKey(), null)
                    .setTrustedClientCertificateChain(new java.io.ByteArrayInputStream(
                            client.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                    .setHandlerFactory(session -> (headers, payload) -> {
                        lastClientSubject = clientSubject(session);
                        String path = headers.path().toString();
                        if (unregisteredTokens.contains(path.substring(path.lastIndexOf('/') + 1))) {
                            throw new UnregisteredDeviceTokenException(Instant.parse("2026-01-01T00:00:00Z"));
                        }
                        accept.handlePushNotification(headers, payload);
                    })
                    .setListener(new MockApnsServerListener() {
                        @Override
                        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                            received.add(new Received(map(headers), payload.toString(StandardCharsets.UTF_8), null, lastClientSubject));
                        }

                        @Override
                        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                Instant expiration) {
                            received.add(new Received(map(headers), payload == null ? "" : payload.toString(StandardCharsets.UTF_8),
                                    reason.name(), lastClientSubject));
                        }
                    })
                    .build();
            server.start(port).get(10, TimeUnit.SECONDS);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Received next(Duration timeout) {
        try {
            Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("APNs received nothing within " + timeout);
            }
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String clientSubject(javax.net.ssl.SSLSession session) {
        try {
            return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> map(Http2Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(e -> map.put(e.getKey().toString(), e.getValue().toString()));
        return map;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.shutdown().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server = null;
        }
    }
}
