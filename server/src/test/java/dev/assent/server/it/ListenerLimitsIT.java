package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's listener under a lowered descriptor limit, and on a port already taken: it
 * survives more idle connections than it has descriptors, and a busy port is a failed start.
 */
class ListenerLimitsIT {

    private static final int DESCRIPTOR_LIMIT = 256;
    /** More connections than the server process may have descriptors. */
    private static final int FLOOD = 400;

    @TempDir
    Path dataDir;

    @Test
    void theListenerOutlivesMoreIdleConnectionsThanItHasDescriptors() throws Exception {
        int port = AssentJar.freePort();
        Path err = dataDir.resolve("server.err");
        Process process = AssentJar.commandInShell("ulimit -n " + DESCRIPTOR_LIMIT + "; ",
                Map.of("ASSENT_DATA_DIR", dataDir.resolve("data").toString(), "ASSENT_PORT", Integer.toString(port)), "dev")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        List<Socket> idle = new ArrayList<>();
        try {
            assertThat(healthy(port, Duration.ofSeconds(60), process)).as("started").isTrue();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            for (int i = 0; i < FLOOD && Instant.now().isBefore(deadline); i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    idle.add(socket);
                } catch (IOException backlogFull) {
                    socket.close();
                }
            }
            // The flood has reached the server: more connections than its descriptors, all idle.
            assertThat(idle.size()).isGreaterThan(DESCRIPTOR_LIMIT);
            assertThat(process.isAlive()).isTrue();
            for (Socket socket : idle) {
                socket.close();
            }
            idle.clear();
            assertThat(healthy(port, Duration.ofSeconds(30), process)).as("serves again once the connections are gone").isTrue();
            assertThat(Files.readString(err)).doesNotContain("terminating now").doesNotContain("Too many open files");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aBusyPortIsAFailedStartWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Map<String, String> env = Map.of("ASSENT_DATA_DIR", dataDir.toString(), "ASSENT_PORT", Integer.toString(port),
                    "ASSENT_PUBLIC_URL", "http://127.0.0.1:" + port, "ASSENT_HOST", "127.0.0.1",
                    "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("test1"));
            for (String command : List.of("dev", "serve")) {
                Process process = AssentJar.command(env, command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " exits").isTrue();
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(stderr).isEqualTo(1);
                assertThat(stderr).contains("assent: cannot listen on 127.0.0.1:" + port).doesNotContain("listening on")
                        .doesNotContain("\tat ");
            }
        }
    }

    /** Polls {@code /healthz} until it answers 200, the process dies, or the time is up. */
    private static boolean healthy(int port, Duration within, Process process) throws InterruptedException {
        HttpResponse<String> health = AssentJar.awaitAnswer(process, AssentJar.get(port, "/healthz"), ok -> ok.statusCode() == 200,
                within);
        return health != null && health.statusCode() == 200;
    }
}
