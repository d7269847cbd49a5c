package dev.assent.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends HTTP requests with the JDK client and checks every response against the {@link WireContract}
 * before anyone sees it. Both the twilio-java transport and the device emulation go through here, so
 * no response escapes validation. Every exchange is kept in memory and appended to the run's
 * transcript file.
 */
final class WireClient {

    static final String FORM = "application/x-www-form-urlencoded";

    /** Headers the JDK client sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Transcript transcript;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    WireClient(Transcript transcript) {
        this.transcript = transcript;
    }

    /**
     * Sends one request and returns the validated exchange.
     *
     * @param formBody the urlencoded body for POST, or {@code null} for none
     */
    Exchange send(String method, URI uri, Map<String, List<String>> headers, String formBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (formBody != null) {
            if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                builder.header("Content-Type", FORM);
            }
            builder.method(method, HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
        Exchange exchange = new Exchange(method, uri, formBody, response.statusCode(),
                response.headers().map(), response.body());
        exchanges.add(exchange);
        transcript.record(exchange);
        WireContract.instance().check(exchange);
        return exchange;
    }

    /** Every exchange this client made, oldest first. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
