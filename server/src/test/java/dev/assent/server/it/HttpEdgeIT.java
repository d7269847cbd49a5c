package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.config.ServerSettings;
import dev.assent.server.http.ConnectionLimits;
import dev.assent.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge against what a careless or hostile client sends, over raw loopback sockets: framing
 * errors, oversized parts, requests held half-way, idle connections, and credentials that fail.
 * Every refusal has a Twilio JSON body and a {@code Date}; the timeouts here are shortened.
 */
class HttpEdgeIT extends ApiFixture {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Beyond each bound: the listener's idle check runs every second, and the test machine is slow. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Override
    ServerSettings settings() {
        return super.settings().withHttp(ConnectionLimits.DEFAULTS.withRequestTimeout(REQUEST_TIMEOUT)
                .withIdleTimeout(IDLE_TIMEOUT));
    }

    @Test
    void aMalformedChunkSizeIsA400WithATwilioBodyAndTheConnectionIsClosed() {
        try (RawConnection c = new RawConnection(server.port())) {
            RawConnection.Response response = c.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nFriendlyName=x\r\n0\r\n\r\n")
                    .read(Duration.ofSeconds(10));
            assertTwilioError(response, 400, 60200);
            assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(http.get(auth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void aBodyOverTheListenersLimitIsA413WithATwilioBody() {
        try (RawConnection c = new RawConnection(server.port())) {
            RawConnection.Response response = c.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\nFriendlyName=x")
                    .read(Duration.ofSeconds(10));
            assertTwilioError(response, 413, 60200);
        }
        Http.Reply ours = http.postRaw(auth, "/v2/Services", ("FriendlyName=" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8));
        assertError(ours, 413, 60200);
    }

    @Test
    void anOverlongUriAndOversizedHeadersGetTwilioBodies() {
        try (RawConnection c = new RawConnection(server.port())) {
            RawConnection.Response response = c.send("GET /v2/Services?" + "a".repeat(6_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .read(Duration.ofSeconds(10));
            assertTwilioError(response, 414, 60200);
        }
        try (RawConnection c = new RawConnection(server.port())) {
            // A request line beyond the 8 KiB Helidon reads to recognise HTTP/1.1 is not HTTP to it: closed unanswered.
            assertThat(c.send("GET /v2/Services?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (RawConnection c = new RawConnection(server.port())) {
            RawConnection.Response response = c.send("GET /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(40_000)
                    + "\r\n\r\n").read(Duration.ofSeconds(10));
            assertThat(response.status()).isIn(400, 431);
            assertTwilioError(response, response.status(), 60200);
        }
    }

    @Test
    void anOversizedDeviceTokenGetsTheGeneric401WithADate() {
        String jwt = "eyJhbGciOiJFUzI1NiIsImtpZCI6IllDIn0." + "A".repeat(20_000) + ".sig";
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("token:" + jwt).getBytes(StandardCharsets.UTF_8));
        Http.Reply reply = http.get(authorization, "/v2/Services");
        assertError(reply, 401, 20003);
        assertThat(reply.header("Date")).isNotNull();
        assertThat(reply.header("WWW-Authenticate")).isNull();
    }

    @Test
    void everyFailedCredentialIsTheSame401WithoutABrowserLoginPrompt() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, "user-00000001");
        String path = entityPath(service, "user-00000001") + "/Factors/" + device.factorSid;
        Http.Reply[] refusals = {
            http.get(null, "/v2/Services"),
            http.get(Http.basic(account.sid().value(), "wrong"), "/v2/Services"),
            http.get("Bearer x", "/v2/Services"),
            http.post(device.auth(clock.instant(), "YC" + "0".repeat(32), device.accountSid), path, params("FriendlyName", "x")),
            http.post(new TestDevice().auth(clock.instant(), device.credentialSid, device.accountSid), path, params("FriendlyName", "x")),
        };
        for (Http.Reply reply : refusals) {
            assertError(reply, 401, 20003);
            assertThat(reply.text("message")).isEqualTo("Authentication Error - invalid credentials");
            assertThat(reply.header("WWW-Authenticate")).isNull();
            assertThat(reply.header("Date")).isNotNull();
        }
    }

    @Test
    void aHalfSentRequestsConnectionIsClosedWithinTheRequestTimeout() {
        try (RawConnection line = new RawConnection(server.port()); RawConnection headers = new RawConnection(server.port());
                RawConnection body = new RawConnection(server.port())) {
            line.send("POST /v2/Serv");
            headers.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthori");
            body.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\nFriendlyName=");
            assertThat(headers.closedByServerWithin(REQUEST_TIMEOUT.plus(SLACK))).isTrue();
            assertThat(body.closedByServerWithin(REQUEST_TIMEOUT.plus(SLACK))).isTrue();
            // A request line not even complete is a connection waiting for its request: the idle timeout.
            assertThat(line.closedByServerWithin(IDLE_TIMEOUT.plus(SLACK))).isTrue();
        }
        assertThat(http.get(auth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void aTrickledBodyIsCutOffAtTheRequestTimeout() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n");
            long start = System.nanoTime();
            String body = "FriendlyName=" + "x".repeat(187);
            boolean cut = false;
            // One byte every 200 ms would take 40 s; the deadline is 2 s.
            for (int i = 0; i < body.length() && !cut; i++) {
                try {
                    c.send(body.substring(i, i + 1));
                } catch (java.io.UncheckedIOException closed) {
                    cut = true;
                }
                Thread.sleep(200);
                cut = cut || Duration.ofNanos(System.nanoTime() - start).compareTo(REQUEST_TIMEOUT.plus(SLACK)) > 0;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT.plus(SLACK).plusSeconds(1));
            assertThat(c.closedByServerWithin(SLACK)).isTrue();
        }
        assertThat(http.get(auth, "/v2/Services").json().get("services")).isEmpty();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutAndConnectionCloseIsHonoured() {
        try (RawConnection c = new RawConnection(server.port())) {
            assertThat(c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read(Duration.ofSeconds(10)).status()).isEqualTo(200);
            assertThat(c.closedByServerWithin(IDLE_TIMEOUT.plus(SLACK))).isTrue();
        }
        try (RawConnection c = new RawConnection(server.port())) {
            RawConnection.Response response = c.send("GET /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                    + "\r\nConnection: close\r\n\r\n").read(Duration.ofSeconds(10));
            assertThat(response.status()).isEqualTo(200);
            assertThat(c.closedByServerWithin(Duration.ofMillis(500))).isTrue();
        }
    }

    @Test
    void aClientThatLeavesMidRequestDoesNotDisturbTheServer() {
        for (int i = 0; i < 5; i++) {
            try (RawConnection c = new RawConnection(server.port())) {
                c.send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nFriendlyName=half");
            }
        }
        assertThat(http.post(auth, "/v2/Services", params("FriendlyName", "after")).status()).isEqualTo(201);
        assertThat(http.get(auth, "/v2/Services").json().get("services")).hasSize(1);
    }

    private static void assertTwilioError(RawConnection.Response response, int status, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Date")).isNotNull();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("code").asInt()).isEqualTo(code);
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(response.json().get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
    }
}
