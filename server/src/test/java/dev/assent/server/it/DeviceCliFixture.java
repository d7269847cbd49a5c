package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.AssentServer;
import dev.assent.server.Main;
import dev.assent.server.account.Account;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.secrets.EncryptionKeys;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server on an ephemeral port over SQLite, a backend talking to it with account credentials,
 * and {@code assent device} run through the real picocli command line ({@link Main}) against its URL.
 */
abstract class DeviceCliFixture {

    @TempDir
    Path tempDir;

    AssentServer server;
    Http http;
    Account account;
    String auth;
    String service;

    /** The server's clock; the device always uses the real one. */
    Clock serverClock() {
        return Clock.systemUTC();
    }

    /** The keys that seal the server's secrets. */
    final EncryptionKeys encryptionKeys = EncryptionKeys.generate("test1");

    /** The server's settings; a test that creates many challenges on one factor raises its limits. */
    ServerSettings settings() {
        return ServerSettings.DEFAULTS.withEncryption(encryptionKeys);
    }

    @BeforeEach
    void startServer() {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        server = AssentServer.start(config.withSettings(settings()), TestDatabases.sqlite(tempDir), serverClock());
        http = new Http(server.publicBase());
        account = server.accounts().create();
        auth = Http.basic(account.sid().value(), account.authToken().reveal());
        Http.Reply created = http.post(auth, "/v2/Services", params("FriendlyName", "Device CLI"));
        assertThat(created.status()).isEqualTo(201);
        service = created.text("sid");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** What one command printed and returned. */
    record Run(int exitCode, String out, String err) {
        /** Everything printed, for assertions that nothing secret appeared anywhere. */
        String all() {
            return out + err;
        }
    }

    /** {@code assent device <args>} in this JVM, through {@link Main}'s command line. */
    Run device(String... args) {
        OutputCapture out = new OutputCapture();
        OutputCapture err = new OutputCapture();
        return device(out, err, args);
    }

    Run device(OutputCapture out, OutputCapture err, String... args) {
        List<String> all = new ArrayList<>(List.of("device"));
        all.addAll(List.of(args));
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.text(), err.text());
    }

    /** {@code device enroll} with the account's credentials into {@code file}; returns the factor SID. */
    String enroll(Path file, String identity) {
        Run run = device("enroll", "--file", file.toString(), "--url", server.publicBase(), "--service", service, "--identity", identity,
                "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal());
        assertThat(run.exitCode()).as(run.all()).isZero();
        return factorSid(run);
    }

    static String factorSid(Run run) {
        Matcher m = Pattern.compile("YF[0-9a-f]{32}").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group();
    }

    /** The backend creates a push challenge; returns its SID. */
    String createChallenge(String identity, String factorSid, String message) {
        Http.Reply reply = http.post(auth, entityPath(identity) + "/Challenges", params("FactorSid", factorSid, "Details.Message", message,
                "Details.Fields", "{\"label\":\"IP\",\"value\":\"10.0.0.1\"}", "HiddenDetails", "{\"ip\":\"10.0.0.1\"}"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    /** The challenge's status as the backend sees it (account credentials). */
    String backendStatus(String identity, String challengeSid) {
        Http.Reply reply = http.get(auth, entityPath(identity) + "/Challenges/" + challengeSid);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.text("status");
    }

    JsonNode backendFactor(String identity, String factorSid) {
        Http.Reply reply = http.get(auth, entityPath(identity) + "/Factors/" + factorSid);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.json();
    }

    String entityPath(String identity) {
        return "/v2/Services/" + service + "/Entities/" + identity;
    }

    static List<Map.Entry<String, String>> params(String... pairs) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return list;
    }

    /** A thread-safe writer whose readers can wait, with a deadline, for some text to appear. */
    static final class OutputCapture extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }

        /** Waits until the output contains {@code expected}; fails after {@code timeout}. */
        synchronized void awaitContains(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (text.indexOf(expected) < 0) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for \"" + expected + "\" in output:\n" + text).isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
