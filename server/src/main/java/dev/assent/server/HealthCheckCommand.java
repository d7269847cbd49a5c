package dev.assent.server;

import dev.assent.server.tls.TlsCredentials;
import dev.assent.server.tls.TlsSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assent healthcheck}: asks the server on this host's loopback whether it is ready, for a
 * container's or supervisor's health check where no curl is installed. With {@code ASSENT_TLS_CERT}
 * set it speaks https and trusts exactly the certificates in that file (the server's own, so the
 * host name is not checked). Exit 0 on 200, 1 otherwise.
 */
@Command(name = "healthcheck", description = "Exit 0 if the server on 127.0.0.1 answers 200 on /health/ready (for container "
        + "health checks; https with ASSENT_TLS_CERT, trusting exactly that certificate).")
final class HealthCheckCommand implements Callable<Integer> {

    private static final int TIMEOUT_MILLIS = 5000;

    @Option(names = "--port", description = "Port of the server (env ASSENT_PORT; default 8080).")
    Integer port;
    @Option(names = "--path", description = "Path to ask (default /health/ready; /health/live for liveness).")
    String path = "/health/ready";

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        int resolvedPort = port != null ? port : Optional.ofNullable(env.get("ASSENT_PORT")).map(HealthCheckCommand::parsePort)
                .orElse(8080);
        if (!path.startsWith("/health")) {
            throw new IllegalArgumentException("--path must be a /health path, not " + path);
        }
        TlsSettings tls = TlsSettings.fromEnvironment(env);
        URI uri = URI.create((tls.enabled() ? "https" : "http") + "://127.0.0.1:" + resolvedPort + path);
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trusting(TlsCredentials.load(tls).chain()).getSocketFactory());
                https.setHostnameVerifier((host, session) -> true);
            }
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status == 200) {
                return 0;
            }
            System.err.println("assent: " + uri + " answered " + status);
            return 1;
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("assent: " + uri + ": " + e.getMessage());
            return 1;
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid ASSENT_PORT='" + value + "': expected a port number");
        }
    }

    private static SSLContext trusting(List<X509Certificate> certificates) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            anchors.setCertificateEntry("served-" + i, certificates.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
