package dev.assent.server;

import dev.assent.server.account.Account;
import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code assent aot-training}: the training run of the start-up cache (README: Start time). Starts the
 * server as {@code serve} does ({@link Main#startServing}) on a fresh SQLite database in a temporary
 * directory, so the migrations run, on 127.0.0.1 and a port of the system's choosing; sends it a bounded
 * set of requests over loopback (the probes, an account's service create, fetch and list, an entity and a
 * TOTP factor, a 401 and a 404), each checked for its status; stops it and deletes the directory. Run under
 * {@code -XX:AOTCacheOutput=…} (bin/assent-java --train), the JVM then writes the classes this loaded and
 * linked and their profiles. Hidden: it is a build step, not a command for users.
 */
@Command(name = "aot-training", hidden = true, description = "The start-up cache's training run (bin/assent-java --train).")
final class AotTrainingCommand implements Callable<Integer> {

    /** Rounds of the request set: enough for the JIT's profiles of the request path, bounded. */
    static final int ROUNDS = 20;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([A-Z]{2}[0-9a-f]{32})\"");

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("assent-aot-training-");
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ConfigSource source = ConfigSource.load(Map.of(), Map.of(
                    ConfigKey.DATA_DIR.variable(), dir.resolve("data").toString(),
                    ConfigKey.HOST.variable(), "127.0.0.1",
                    ConfigKey.PORT.variable(), "0",
                    ConfigKey.PUBLIC_URL.variable(), "http://127.0.0.1",
                    ConfigKey.ENCRYPTION_KEYS.variable(), "training:" + Base64.getEncoder().encodeToString(key)));
            AssentServer server = Main.startServing(source);
            try {
                Account account = server.accounts().create();
                String auth = "Basic " + Base64.getEncoder().encodeToString(
                        (account.sid() + ":" + account.authToken().reveal()).getBytes(StandardCharsets.UTF_8));
                for (int round = 0; round < ROUNDS; round++) {
                    drive(server.port(), auth, round);
                }
            } finally {
                server.close();
            }
            System.out.println("aot-training: " + ROUNDS + " rounds of requests served");
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** One round: the requests of a typical start and its first clients, each with the status it must get. */
    private static void drive(int port, String auth, int round) throws IOException {
        expect(200, request(port, "GET", "/healthz", null, null));
        expect(200, request(port, "GET", "/health/live", null, null));
        expect(200, request(port, "GET", "/health/ready", null, null));
        expect(401, request(port, "GET", "/v2/Services", null, null));
        String service = sid(expect(201, request(port, "POST", "/v2/Services", auth, form("FriendlyName", "Training " + round))));
        expect(200, request(port, "GET", "/v2/Services/" + service, auth, null));
        expect(200, request(port, "GET", "/v2/Services?PageSize=5", auth, null));
        expect(404, request(port, "GET", "/v2/Services/VA" + "0".repeat(32), auth, null));
        String identity = "training-" + round;
        expect(201, request(port, "POST", "/v2/Services/" + service + "/Entities", auth, form("Identity", identity)));
        expect(201, request(port, "POST", "/v2/Services/" + service + "/Entities/" + identity + "/Factors", auth,
                form("FriendlyName", "Training") + "&" + form("FactorType", "totp")));
        expect(200, request(port, "GET", "/v2/Services/" + service + "/Entities/" + identity + "/Factors", auth, null));
        expect(200, request(port, "GET", "/v2/Services/" + service + "/Entities/" + identity + "/Challenges", auth, null));
    }

    private static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sid(Response response) {
        Matcher m = SID.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("aot-training: no sid in " + response.body());
        }
        return m.group(1);
    }

    private static Response expect(int status, Response response) {
        if (response.status() != status) {
            throw new IllegalStateException("aot-training: expected " + status + ", got " + response.status() + ": "
                    + response.body());
        }
        return response;
    }

    record Response(int status, String body) {
    }

    /** One HTTP/1.1 exchange on its own loopback connection ({@code Connection: close}), bounded in time and size. */
    private static Response request(int port, String method, String path, String auth, String form) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            if (auth != null) {
                head.append("Authorization: ").append(auth).append("\r\n");
            }
            if (form != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(readBounded(socket.getInputStream()), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
                throw new IllegalStateException("aot-training: not an HTTP response to " + method + " " + path);
            }
            int split = response.indexOf("\r\n\r\n");
            return new Response(Integer.parseInt(response.substring(9, 12)), split < 0 ? "" : response.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("aot-training: " + method + " " + path, e);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, n);
            if (all.size() > MAX_RESPONSE_BYTES) {
                throw new IOException("response over " + MAX_RESPONSE_BYTES + " bytes");
            }
        }
        return all.toByteArray();
    }
}
