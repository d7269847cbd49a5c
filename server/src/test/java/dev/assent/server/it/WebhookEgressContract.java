package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.outbound.Cidr;
import dev.assent.server.outbound.OutboundSettings;
import dev.assent.server.storage.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Webhooks cannot be aimed at this server's network (issue 8): refused URLs are a 400 when written,
 * names are vetted when sent, and a delivery attempt is bounded and reported coarsely. The server
 * allows only 127.0.0.1 (not all of 127/8) and resolves names with a test resolver: hook.test is
 * 127.0.0.1, internal.test and metadata.test are refused ranges. No packet leaves loopback.
 */
abstract class WebhookEgressContract extends WebhookFixture {

    final List<String> lookups = new CopyOnWriteArrayList<>();

    @Override
    OutboundSettings outboundSettings() {
        return new OutboundSettings(List.of(Cidr.parse("127.0.0.1/32")), true, host -> {
            lookups.add(host);
            return switch (host) {
                case "hook.test" -> List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
                case "internal.test" -> List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}));
                case "metadata.test" -> List.of(InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
                default -> throw new UnknownHostException(host);
            };
        });
    }

    static final List<String> REFUSED_URLS = List.of(
            "http://127.0.0.2/hook", "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
            "http://[::1]/", "http://[::ffff:127.0.0.2]/", "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.0.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00::1]/", "http://100.64.0.1/",
            "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::ffff:169.254.169.254]/",
            "http://[64:ff9b::a9fe:a9fe]/", "http://hook.test:99999/", "http://hook.test:0/", "http://user:pw@hook.test/",
            "ftp://hook.test/", "http:///no-host");

    @Test
    void everyRefusedFormIsA400WhenWrittenAndChangesNothing() {
        String service = createService();
        String base = "/v2/Services/" + service + "/Webhooks";
        for (String url : REFUSED_URLS) {
            Http.Reply reply = http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", url, "EventTypes", "*"));
            assertError(reply, 400, 60306);
            assertThat(reply.text("message")).as(url).contains("WebhookUrl");
        }
        assertThat(http.get(auth, base).json().get("webhooks")).isEmpty();

        String webhook = createWebhook(service, "/hook", "*");
        for (String url : REFUSED_URLS) {
            assertError(http.post(auth, base + "/" + webhook, params("WebhookUrl", url)), 400, 60306);
        }
        assertThat(http.get(auth, base + "/" + webhook).text("webhook_url")).isEqualTo(receiver.url("/hook"));
        assertThat(lookups).as("nothing is resolved when a URL is written").isEmpty();
    }

    @Test
    void aNameResolvingToARefusedAddressIsRefusedAtSendTimeWhateverThePort() {
        String service = createService();
        int port = Integer.parseInt(receiver.url("").replaceAll(".*:", ""));
        String internal = createWebhookAt(service, "http://internal.test:" + port + "/hook");
        String closedPort = createWebhookAt(service, "http://internal.test:1/hook");
        String metadata = createWebhookAt(service, "http://metadata.test/latest/meta-data/");
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));

        for (String webhook : List.of(internal, closedPort, metadata)) {
            JsonNode delivery = firstAttempt(service, webhook);
            assertThat(delivery.get("last_error").asText()).isEqualTo("refused by outbound policy");
        }
        assertThat(receiver.received()).isEmpty();
        assertThat(lookups).contains("internal.test", "metadata.test");
    }

    @Test
    void aNameResolvingToAnAllowedAddressIsDeliveredToThatAddress() {
        String service = createService();
        String url = receiver.url("/hook").replace("127.0.0.1", "hook.test");
        String webhook = createWebhookAt(service, url);
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));

        await("delivery to hook.test", () -> deliveries(service, webhook).get(0).get("status").asText().equals("delivered"));
        assertThat(receiver.received("/hook")).hasSize(1);
        assertThat(receiver.received("/hook").get(0).headers().get("host")).isEqualTo(url.replace("http://", "").replace("/hook", ""));
        assertThat(lookups).contains("hook.test");
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        HttpServer redirector = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        redirector.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Location", receiver.url("/stolen"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
        try {
            String service = createService();
            String webhook = createWebhookAt(service, "http://127.0.0.1:" + redirector.getAddress().getPort() + "/hook");
            http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));
            assertThat(firstAttempt(service, webhook).get("last_error").asText()).isEqualTo("HTTP 3xx");
            assertThat(receiver.received()).isEmpty();
        } finally {
            redirector.stop(0);
        }
    }

    @Test
    void aTricklingReceiverIsCutAtTheAttemptDeadline() throws Exception {
        // Connect 1 s + request 2 s in this fixture: a whole attempt ends within 3 s, whatever the peer does.
        try (ServerSocket trickler = new ServerSocket(0, 10, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try (Socket connection = trickler.accept()) {
                    OutputStream out = connection.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 300 && !connection.isClosed(); i++) {
                        Thread.sleep(100);
                        out.write('a');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off by the server, as it should be
                }
            });
            String service = createService();
            String webhook = createWebhookAt(service, "http://127.0.0.1:" + trickler.getLocalPort() + "/hook");
            long start = System.nanoTime();
            http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));
            JsonNode delivery = firstAttempt(service, webhook);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(delivery.get("last_error").asText()).isEqualTo("timeout");
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            trickler.close();
            peer.join(Duration.ofSeconds(5));
        }
    }

    @Test
    void theServePolicyRefusesLoopbackAndPlainHttp() {
        server.close();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        server = AssentServer.start(config.withSettings(settings().withOutbound(
                OutboundSettings.STRICT.withResolver(ApiFixture.NO_DNS))), reopenDatabase(), clock);
        http = new Http(server.publicBase());
        String service = createService();
        String base = "/v2/Services/" + service + "/Webhooks";
        for (String url : List.of(receiver.url("/hook"), receiver.url("/hook").replace("http:", "https:"), "https://localhost/hook",
                "https://app.localhost:8443/", "https://[::1]/", "http://example.com/hook")) {
            assertError(http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", url, "EventTypes", "*")), 400, 60306);
        }
        Http.Reply ok = http.post(auth, base, params("FriendlyName", "B", "WebhookUrl", "https://example.com/hook", "EventTypes",
                "factor.deleted"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
    }

    @Test
    void aUrlWrittenUnderALooserPolicyIsRefusedWhenSentUnderAStricterOne() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        server.close();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        server = AssentServer.start(config.withSettings(settings().withOutbound(
                OutboundSettings.STRICT.withAllowHttp(true).withResolver(ApiFixture.NO_DNS))), reopenDatabase(), clock);
        http = new Http(server.publicBase());
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Authenticator", "FactorType", "totp"));

        assertThat(firstAttempt(service, webhook).get("last_error").asText()).isEqualTo("refused by outbound policy");
        assertThat(receiver.received()).isEmpty();
    }

    String createWebhookAt(String service, String url) {
        Http.Reply reply = http.post(auth, "/v2/Services/" + service + "/Webhooks", params("FriendlyName", "Backend",
                "WebhookUrl", url, "EventTypes", "factor.created"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    /** The webhook's only delivery once its first attempt is recorded. */
    JsonNode firstAttempt(String service, String webhook) {
        // The lease counts the attempt before it is made; its outcome is recorded after it.
        await("a recorded attempt", () -> {
            JsonNode first = deliveries(service, webhook).get(0);
            return first.get("attempts").asInt() >= 1 && !first.get("last_error").isNull();
        });
        return deliveries(service, webhook).get(0);
    }
}
