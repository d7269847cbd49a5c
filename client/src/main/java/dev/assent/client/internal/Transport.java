package dev.assent.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.client.AssentException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends requests over the JDK {@link HttpClient} with HTTP Basic credentials, turns error bodies into
 * {@link AssentException}, and retries idempotent requests (GET, DELETE) on 429, 5xx and connection
 * failures with exponential backoff and full jitter, honouring {@code Retry-After}. POST is never
 * retried: a create or a challenge answer must not be sent twice.
 */
public final class Transport {

    /** Longest {@code Retry-After} the client will wait for; a server asking for more gets an error. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    private final URI baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final String userAgent;

    public Transport(URI baseUrl, String user, String password, Duration connectTimeout, Duration requestTimeout,
                     int maxRetries, Duration initialBackoff, Duration maxBackoff, String userAgent) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.userAgent = userAgent;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code path} relative to the base URL (it starts with {@code /v2}), with an optional query. */
    public URI uri(String path, Form query) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String suffix = query == null || query.isEmpty() ? "" : "?" + query.encode();
        return URI.create(base + path + suffix);
    }

    public JsonNode get(URI uri) {
        return Json.parse(send("GET", uri, null));
    }

    public JsonNode post(URI uri, Form form) {
        return Json.parse(send("POST", uri, form));
    }

    /** A POST with a JSON body (the Passkeys operations; every other Verify v2 request sends a form). */
    public JsonNode postJson(URI uri, String json) {
        return Json.parse(send("POST", uri, null, json));
    }

    public void delete(URI uri) {
        send("DELETE", uri, null);
    }

    private String send(String method, URI uri, Form form) {
        return send(method, uri, form, null);
    }

    private String send(String method, URI uri, Form form, String json) {
        boolean idempotent = !method.equals("POST");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (form != null) {
            builder.header("Content-Type", FORM)
                    .method(method, HttpRequest.BodyPublishers.ofString(form.encode(), StandardCharsets.UTF_8));
        } else if (json != null) {
            builder.header("Content-Type", JSON)
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = idempotent && attempt < maxRetries;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException(method + " " + uri + " interrupted"));
            } catch (IOException e) {
                if (!mayRetry) {
                    throw new UncheckedIOException(method + " " + uri + " failed: " + e.getMessage(), e);
                }
                pause(backoff(attempt));
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            boolean retryable = status == 429 || status >= 500;
            Optional<Duration> retryAfter = retryAfter(response);
            if (retryable && mayRetry && retryAfter.map(d -> d.compareTo(MAX_RETRY_AFTER) <= 0).orElse(true)) {
                pause(retryAfter.isPresent() ? retryAfter.get() : backoff(attempt));
                continue;
            }
            throw error(response);
        }
    }

    /** Full jitter: uniformly random in [0, min(max, initial × 2^attempt)]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP-date: fall back to our own backoff
            }
        });
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while backing off"));
        }
    }

    private static AssentException error(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        try {
            JsonNode node = Json.MAPPER.readTree(body == null ? "" : body);
            if (node != null && node.isObject()) {
                Integer code = Json.integer(node, "code");
                String message = Json.text(node, "message");
                return new AssentException(code == null ? 0 : code,
                        message == null ? "HTTP " + status : message, Json.text(node, "more_info"), status);
            }
        } catch (IOException e) {
            // not JSON: fall through to a generic error carrying the start of the body
        }
        return new AssentException(0, "HTTP " + status + " " + Json.abbreviate(body), null, status);
    }
}
