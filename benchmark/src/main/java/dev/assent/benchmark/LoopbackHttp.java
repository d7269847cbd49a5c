package dev.assent.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The few requests the benchmark makes, over one JDK {@link HttpClient} (HTTP/1.1, keep-alive) to
 * the server on the loopback interface.
 */
final class LoopbackHttp {

    /** Bounds every request, so that a stuck server cannot keep the benchmark running. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final String base;

    LoopbackHttp(HttpClient client, String base) {
        if (!base.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1, not " + base);
        }
        this.client = client;
        this.base = base;
    }

    /** An HTTP/1.1 client; the JDK keeps its connections alive and reuses them. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A response as the benchmark needs it. */
    record Reply(int status, String body, Optional<String> signatureFields) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response is not JSON: " + abbreviated(), e);
            }
        }

        String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        /** Status and the start of the body, for error reports. */
        String abbreviated() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return "HTTP " + status + " " + shown.replace('\n', ' ');
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code application/x-www-form-urlencoded} from name, value, name, value… */
    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    Reply post(String path, String authorization, String form) throws InterruptedException {
        return send(request(path, authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    Reply get(String path, String authorization) throws InterruptedException {
        HttpRequest.Builder builder = request(path, authorization).GET();
        return send(builder.build());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Reply send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Twilio-Verify-Signature-Fields"));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        }
    }
}
