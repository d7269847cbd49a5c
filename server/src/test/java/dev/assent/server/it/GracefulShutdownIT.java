package dev.assent.server.it;

import static dev.assent.server.it.ApiFixture.entityPath;
import static dev.assent.server.it.ApiFixture.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.storage.Database;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar while requests and a webhook send are in flight: readiness answers 503,
 * no new connection is accepted, every request in flight is answered, the held webhook send is
 * recorded as delivered, and the process exits 0 within {@code ASSENT_SHUTDOWN_GRACE}. The requests
 * are held deterministically: each announces its body with {@code Expect: 100-continue}, so the
 * server's {@code 100 Continue} says its handler is reading the body, which the test sends only after
 * the signal; the webhook goes to a loopback receiver that holds its answer.
 */
class GracefulShutdownIT {

    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final int SLOW_REQUESTS = 3;

    @TempDir
    Path dir;

    @Test
    void sigtermAnswersWhatIsInFlightThenExitsZero() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        String sid = "AC" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int port = AssentJar.freePort();
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_ACCOUNT_SID", sid, "ASSENT_AUTH_TOKEN", token, "ASSENT_SHUTDOWN_GRACE", GRACE.toSeconds() + "s",
                "ASSENT_HTTP_REQUEST_TIMEOUT", "120");
        String auth = Http.basic(sid, token);
        List<RawConnection> slow = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(); ServedJar jar = ServedJar.start(dir, port, env, "dev")) {
            Http http = new Http(jar.base());
            String service = http.post(auth, "/v2/Services", params("FriendlyName", "Before")).text("sid");
            assertThat(http.post(auth, "/v2/Services/" + service + "/Webhooks", params("FriendlyName", "Backend",
                    "WebhookUrl", receiver.url("/hook"), "EventTypes", "factor.created")).status()).isEqualTo(201);

            // A probe whose request line is in (so the connection is past being idle), its headers not yet ended.
            RawConnection probe = new RawConnection(port).send("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (int i = 0; i < SLOW_REQUESTS; i++) {
                String body = "FriendlyName=Slow+" + i;
                RawConnection connection = new RawConnection(port).send("POST /v2/Services HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: " + auth + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n");
                slow.add(connection);
                assertThat(connection.read(Duration.ofSeconds(30)).status()).as("the handler is reading the body").isEqualTo(100);
            }
            receiver.stallAll();
            assertThat(http.post(auth, entityPath(service, "user-00000001") + "/Factors",
                    params("FriendlyName", "Authenticator", "FactorType", "totp")).status()).isEqualTo(201);
            await("the webhook send in flight", () -> receiver.inFlight() == 1);

            long signalled = System.nanoTime();
            jar.process.destroy();
            assertThat(jar.awaitStderr("shutting down", Duration.ofSeconds(10))).as("the stop began").isTrue();

            await("new connections refused", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return false;
                } catch (ConnectException refused) {
                    return true;
                } catch (java.io.IOException other) {
                    return false;
                }
            });
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

            RawConnection.Response ready = probe.send("\r\n").read(Duration.ofSeconds(30));
            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            assertThat(ready.json().get("failing").toString()).contains("shutdown");
            assertThat(ready.header("Twilio-Request-Id")).matches("RQ[0-9a-f]{32}");
            probe.close();

            for (int i = 0; i < SLOW_REQUESTS; i++) {
                RawConnection.Response created = slow.get(i).send("FriendlyName=Slow+" + i).read(Duration.ofSeconds(30));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(created.json().get("friendly_name").asText()).isEqualTo("Slow " + i);
                assertThat(created.header("Twilio-Request-Id")).matches("RQ[0-9a-f]{32}");
            }

            assertThat(jar.process.isAlive()).as("still waiting for the webhook send").isTrue();
            receiver.release();
            assertThat(jar.process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)).as("exited within the grace").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(GRACE);
            assertThat(jar.process.exitValue()).as(jar.stderrText()).isZero();
            assertThat(receiver.answered()).isEqualTo(1);
            assertThat(jar.stderrText()).contains("stopped in");
        } finally {
            slow.forEach(RawConnection::close);
        }

        try (Database database = TestDatabases.sqlite(dataDir)) {
            List<String> deliveries = database.jdbi().withHandle(h -> h.createQuery("SELECT status FROM webhook_deliveries")
                    .mapTo(String.class).list());
            assertThat(deliveries).as("the webhook send finished during the grace").containsExactly("delivered");
            List<String> services = database.jdbi().withHandle(h -> h.createQuery("SELECT friendly_name FROM services "
                    + "ORDER BY friendly_name").mapTo(String.class).list());
            assertThat(services).containsExactly("Before", "Slow 0", "Slow 1", "Slow 2");
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(what).isTrue();
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
