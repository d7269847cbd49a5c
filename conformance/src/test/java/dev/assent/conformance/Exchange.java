package dev.assent.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request and its response as seen on the wire, kept for assertions and for failure
 * reports. The request's Authorization header is never kept.
 */
record Exchange(
        String method,
        URI uri,
        String requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        String responseBody) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Exchange {
        // Header names are case-insensitive; keep one normalised, ordered copy.
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        responseHeaders.forEach((name, values) -> headers.put(name, List.copyOf(values)));
        responseHeaders = headers;
        requestBody = requestBody == null ? "" : requestBody;
        responseBody = responseBody == null ? "" : responseBody;
    }

    Optional<String> header(String name) {
        List<String> values = responseHeaders.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> headers(String name) {
        return responseHeaders.getOrDefault(name, List.of());
    }

    String responseContentType() {
        return header("Content-Type").orElse("");
    }

    JsonNode json() {
        try {
            return JSON.readTree(responseBody);
        } catch (JsonProcessingException e) {
            throw new AssertionError("response body is not JSON:\n" + describe(), e);
        }
    }

    /** A readable request/response transcript, used as a bug report when a scenario fails. */
    String describe() {
        StringBuilder out = new StringBuilder();
        out.append("  request:  ").append(method).append(' ').append(uri).append('\n');
        if (!requestBody.isEmpty()) {
            for (String pair : requestBody.split("&")) {
                out.append("  form:     ").append(URLDecoder.decode(pair, StandardCharsets.UTF_8)).append('\n');
            }
        }
        out.append("  response: ").append(status);
        header("Content-Type").ifPresent(type -> out.append(" (").append(type).append(')'));
        out.append('\n');
        if (!responseBody.isEmpty()) {
            out.append("  body:     ").append(responseBody).append('\n');
        }
        return out.toString();
    }
}
