package dev.assent.server.it;

import static dev.assent.server.it.ApiFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL to the packaged jar (SQLite, group commit) while concurrent clients create services: every
 * create that was answered 201 is there, with its name, after a restart on the same data directory. A
 * 2xx means on disk; a create in flight at the kill may or may not be there, but never half.
 */
class KillNineDurabilityIT {

    private static final int CLIENTS = 16;
    /** Answers to wait for before the kill, so it lands in the middle of a stream of batches. */
    private static final int ACKED_BEFORE_KILL = 300;
    /** Each client stops by itself after this many creates, or once the server is gone. */
    private static final int MAX_PER_CLIENT = 200;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredCreateSurvivesSigkill() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        String sid = "AC" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int port = AssentJar.freePort();
        Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                "ASSENT_ACCOUNT_SID", sid, "ASSENT_AUTH_TOKEN", token);
        String auth = Http.basic(sid, token);
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // service SID -> friendly name
        AtomicInteger failures = new AtomicInteger();

        Path firstRun = Files.createDirectory(dir.resolve("first"));
        try (ServedJar jar = ServedJar.start(firstRun, port, env, "dev")) {
            Http http = new Http(jar.base());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    running.add(clients.submit(() -> {
                        for (int i = 0; i < MAX_PER_CLIENT && jar.process.isAlive(); i++) {
                            String name = "Kill " + client + "-" + i;
                            try {
                                Http.Reply reply = http.post(auth, "/v2/Services", params("FriendlyName", name));
                                if (reply.status() == 201) {
                                    acknowledged.put(reply.text("sid"), name);
                                } else {
                                    failures.incrementAndGet();
                                }
                            } catch (RuntimeException connectionLost) {
                                // the kill: no answer, so no promise
                            }
                        }
                    }));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                assertThat(acknowledged).as("creates answered before the kill").hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
                jar.process.destroyForcibly(); // SIGKILL, mid-stream
                assertThat(jar.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(jar.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
        }
        assertThat(failures.get()).as("non-201 answers before the kill").isZero();

        Path secondRun = Files.createDirectory(dir.resolve("second"));
        try (ServedJar jar = ServedJar.start(secondRun, port, env, "dev")) {
            Http http = new Http(jar.base());
            List<String> missing = new ArrayList<>();
            acknowledged.forEach((service, name) -> {
                Http.Reply reply = http.get(auth, "/v2/Services/" + service);
                if (reply.status() != 200 || !name.equals(reply.text("friendly_name"))) {
                    missing.add(service + " (" + reply.status() + ")");
                }
            });
            assertThat(missing).as("answered creates lost by SIGKILL, of %d", acknowledged.size()).isEmpty();
        }
    }
}
