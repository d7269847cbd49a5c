package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hc.core5.net.WWWFormCodec;

/** A minimal HTTP client for the integration tests: form POSTs, GETs, DELETEs with Basic auth. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String form(List<Map.Entry<String, String>> params) {
        return params.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * A form the server sent (a webhook, an OAuth token request), decoded by a library rather than by the
     * server's own parser; a repeated name keeps its last value.
     */
    static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        WWWFormCodec.parse(body, StandardCharsets.UTF_8).forEach(pair -> params.put(pair.getName(), pair.getValue()));
        return params;
    }

    Reply post(String auth, String path, List<Map.Entry<String, String>> params) {
        return postRaw(auth, path, form(params).getBytes(StandardCharsets.UTF_8));
    }

    Reply postRaw(String auth, String path, byte[] body) {
        return send(request(auth, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A POST with a JSON body, as the passkeys operations take (and the SDKs send). */
    Reply postJson(String auth, String path, String json) {
        return send(request(auth, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    Reply get(String auth, String pathOrUrl) {
        return send(request(auth, pathOrUrl).GET().build());
    }

    /** A GET with extra request headers, e.g. the mobile SDKs' {@code Accept: application/x-www-form-urlencoded}. */
    Reply get(String auth, String pathOrUrl, Map<String, String> headers) {
        HttpRequest.Builder builder = request(auth, pathOrUrl).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    Reply delete(String auth, String path) {
        return send(request(auth, path).DELETE().build());
    }

    private HttpRequest.Builder request(String auth, String pathOrUrl) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .timeout(Duration.ofSeconds(30));
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
