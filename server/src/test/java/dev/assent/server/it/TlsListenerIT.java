package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.tls.TestCertificates;
import dev.assent.server.tls.TestCertificates.KeyFormat;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the packaged jar's listener ({@code ASSENT_TLS_CERT}, {@code ASSENT_TLS_KEY}): it serves the
 * configured certificate to a client that trusts only that one, serves a replaced one without a
 * restart (keeping the old one while the new pair is half-written), and refuses a bad configuration
 * before the port opens or the database is touched, naming the variable.
 */
class TlsListenerIT {


    @TempDir
    Path dir;

    private Path cert() {
        return dir.resolve("tls").resolve("cert.pem");
    }

    private Path key() {
        return dir.resolve("tls").resolve("key.pem");
    }

    private Path data() {
        return dir.resolve("data");
    }

    private Map<String, String> env(int port, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("ASSENT_DATA_DIR", data().toString(), "ASSENT_HOST", "127.0.0.1",
                "ASSENT_PORT", Integer.toString(port), "ASSENT_PUBLIC_URL", "https://127.0.0.1:" + port,
                "ASSENT_ENCRYPTION_KEYS", TestKeys.entry("test1"), "ASSENT_TLS_RELOAD_INTERVAL", "1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private Map<String, String> withFiles(int port) {
        return env(port, "ASSENT_TLS_CERT", cert().toString(), "ASSENT_TLS_KEY", key().toString());
    }

    /** A fresh client (no pooled connection from before a reload) that trusts exactly {@code trusted}. */
    private static int ready(int port, SSLContext trusted) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(trusted).connectTimeout(Duration.ofSeconds(2)).build();
        try (client) {
            return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The certificate the listener presents to a new connection. */
    private static Certificate served(int port, SSLContext trusted) throws IOException {
        try (SSLSocket socket = (SSLSocket) trusted.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    private static void awaitReady(int port, SSLContext trusted, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (ready(port, trusted) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new AssertionError("the server did not become ready over TLS");
    }

    @Test
    void servesTheConfiguredCertificateAndAReplacedOneWithoutRestart() throws Exception {
        Files.createDirectories(cert().getParent());
        TestCertificates first = TestCertificates.rsa("first.assent.test");
        first.write(cert(), key(), KeyFormat.PKCS8);
        int port = AssentJar.freePort();
        Path log = dir.resolve("server.log");
        Process process = AssentJar.command(withFiles(port), "serve").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(port, first.trustingOnlyThis(), process);
            assertThat(served(port, first.trustingOnlyThis())).isEqualTo(first.certificate());
            // Plain HTTP on the TLS port gets no API answer.
            try (HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(IOException.class);
            }
            // The image's health check speaks https to it, trusting the configured certificate.
            Process check = AssentJar.command(withFiles(port), "healthcheck").redirectErrorStream(true).start();
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            // Half a rotation: the new key is written before its certificate. The old pair stays served.
            TestCertificates second = TestCertificates.ec("second.assent.test");
            TestCertificates.replace(key(), second.keyPem(KeyFormat.TRADITIONAL));
            waitForLog(log, "TLS files changed but were not loaded");
            assertThat(served(port, first.trustingOnlyThis())).isEqualTo(first.certificate());
            assertThat(ready(port, first.trustingOnlyThis())).isEqualTo(200);

            // Now the certificate: the new pair is served to new connections, and the old one no longer.
            TestCertificates.replace(cert(), second.certificatePem());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            Certificate now = null;
            while (Instant.now().isBefore(deadline)) {
                try {
                    now = served(port, second.trustingOnlyThis());
                    break;
                } catch (SSLHandshakeException stillTheOld) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
            assertThat(now).as("the replaced certificate is served").isEqualTo(second.certificate());
            assertThat(ready(port, second.trustingOnlyThis())).isEqualTo(200);
            assertThatThrownBy(() -> ready(port, first.trustingOnlyThis())).isInstanceOf(SSLHandshakeException.class);
            assertThat(process.isAlive()).as("no restart").isTrue();
            assertThat(Files.readString(log)).contains("TLS certificate reloaded: CN=second.assent.test")
                    .doesNotContain("PRIVATE KEY");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void waitForLog(Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no log line with: " + text);
    }

    @Test
    void aBadConfigurationIsRefusedBeforeThePortOpensNamingTheVariable() throws Exception {
        Files.createDirectories(cert().getParent());
        TestCertificates made = TestCertificates.ec("made.assent.test");
        made.write(cert(), key(), KeyFormat.PKCS8);
        Path stranger = dir.resolve("tls").resolve("stranger.pem");
        TestCertificates.replace(stranger, TestCertificates.ec("stranger.assent.test").keyPem(KeyFormat.PKCS8));
        Path missing = dir.resolve("tls").resolve("missing.pem");
        int port = AssentJar.freePort();
        Map<Map<String, String>, String> cases = Map.of(
                env(port, "ASSENT_TLS_CERT", cert().toString()), "ASSENT_TLS_CERT is set but ASSENT_TLS_KEY is not",
                env(port, "ASSENT_TLS_KEY", key().toString()), "ASSENT_TLS_KEY is set but ASSENT_TLS_CERT is not",
                env(port, "ASSENT_TLS_CERT", missing.toString(), "ASSENT_TLS_KEY", key().toString()),
                "ASSENT_TLS_CERT: cannot read " + missing,
                env(port, "ASSENT_TLS_CERT", cert().toString(), "ASSENT_TLS_KEY", missing.toString()),
                "ASSENT_TLS_KEY: cannot read " + missing,
                env(port, "ASSENT_TLS_CERT", cert().toString(), "ASSENT_TLS_KEY", stranger.toString()),
                "ASSENT_TLS_KEY: the private key in " + stranger + " does not match the certificate in ASSENT_TLS_CERT");
        int runs = 0;
        for (Map.Entry<Map<String, String>, String> c : cases.entrySet()) {
            // serve checks the files itself before the database; dev through AssentServer.start: both paths, on two cases.
            boolean both = c.getValue().contains("does not match") || c.getValue().startsWith("ASSENT_TLS_CERT is set");
            for (String command : both ? List.of("serve", "dev") : List.of("serve")) {
                Map<String, String> env = new HashMap<>(c.getKey());
                Path data = dir.resolve("data-" + runs++);
                env.put("ASSENT_DATA_DIR", data.toString());
                Process process = AssentJar.command(env, command).start();
                // While it runs, nothing may listen on the port.
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as(command + ": " + stderr).isEqualTo(2);
                assertThat(stderr).as(command).contains("assent: " + c.getValue()).doesNotContain("\tat ");
                assertThat(stdout).doesNotContain("listening on");
                if (command.equals("serve")) {
                    // serve checks the files before it opens (or creates) the database.
                    assertThat(data).as(c.getValue()).doesNotExist();
                }
            }
        }
    }
}
