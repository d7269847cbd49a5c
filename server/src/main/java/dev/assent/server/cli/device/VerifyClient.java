package dev.assent.server.cli.device;

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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP side of the device, shaped like the SDKs' requests (docs/push-protocol.md §1): HTTP Basic
 * authorization, form bodies percent-encoded as Android does, and the SDKs' {@code Accept} and
 * {@code Content-Type} headers. It knows nothing of JWTs; callers pass the {@code Authorization} value.
 */
final class VerifyClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private final String userAgent;

    VerifyClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.userAgent = "assent-device; " + System.getProperty("os.name") + "; " + EnrollCommand.SDK_VERSION + "; 1; Java "
                + Runtime.version().feature() + "; terminal; VerifySDK; " + EnrollCommand.SDK_VERSION + "; 1";
    }

    /**
     * The base URL a user typed, normalised: no trailing slash, no trailing {@code /v2} (paths add it).
     *
     * @throws DeviceCliException (usage) when it is not an absolute http(s) URL
     */
    static URI normaliseBase(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith("/v2")) {
            trimmed = trimmed.substring(0, trimmed.length() - 3);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw DeviceCliException.usage("--url is not a URL: " + Text.safe(url));
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw DeviceCliException.usage("--url must be an http:// or https:// URL such as http://127.0.0.1:8080");
        }
        return uri;
    }

    /** A path segment (SID, identity) percent-encoded, so it cannot change the path it is pasted into. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code Basic base64(user ":" password)}, standard alphabet with padding. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** POST a form to {@code path} (below the base URL). */
    HttpReply post(String path, Map<String, String> form, String authorization) {
        String body = form.entrySet().stream().map(e -> segment(e.getKey()) + "=" + segment(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(resolve(path), authorization).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** POST a JSON body to {@code path} (the Passkeys operations, the only JSON requests of Verify v2). */
    HttpReply postJson(String path, String json, String authorization) {
        return send(request(resolve(path), authorization).setHeader("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** GET {@code pathOrUrl}: a path below the base URL, or an absolute URL the server gave (paging). */
    HttpReply get(String pathOrUrl, String authorization) {
        // The SDKs really send this Accept on GETs (sic); the server must answer JSON anyway.
        return send(request(resolve(pathOrUrl), authorization).header("Accept", FORM).GET().build());
    }

    private URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        return URI.create(base + pathOrUrl);
    }

    private HttpRequest.Builder request(URI uri, String authorization) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", authorization).header("Content-Type", FORM)
                .header("User-Agent", userAgent);
    }

    private HttpReply send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeviceCliException(DeviceCliException.REFUSED,
                    "cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceCliException(DeviceCliException.REFUSED, "interrupted", e);
        }
        return new HttpReply(response.statusCode(), parse(response.body()), response.headers());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
