package dev.assent.conformance;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A twilio-java transport that sends every request to Assent instead of {@code *.twilio.com}.
 *
 * <p>twilio-java 13 builds absolute URLs such as {@code https://verify.twilio.com/v2/Services}, and
 * when it follows {@code meta.next_page_url} it rebuilds that URL's host from its own region/edge
 * rules. This client keeps only the path and query of whatever URL the SDK produced and puts them
 * under the Assent base URL, then sends the request with the JDK client through {@link WireClient},
 * which validates the response. Method, form parameters, query, headers and Basic auth are kept as
 * the SDK set them.
 *
 * <p>A request the SDK marks as JSON (the passkeys operations) is sent as the SDK's own
 * {@code NetworkHttpClient} sends it: the body the SDK serialised, with {@code Content-Type:
 * application/json} exactly; like that client, a JSON request without a body fails before anything is
 * sent (docs/decisions.md, "Passkeys through twilio-java").
 */
final class RewritingTwilioHttpClient extends HttpClient {

    private static final String USER_AGENT = "twilio-java/13.0.1 (assent-conformance)";

    private final URI baseUrl;
    private final WireClient wire;

    RewritingTwilioHttpClient(URI baseUrl, WireClient wire) {
        this.baseUrl = baseUrl;
        this.wire = wire;
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = rewrite(request);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaderParams().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        headers.put("User-Agent", List.of(USER_AGENT));
        headers.put("X-Twilio-Client", List.of("java-13.0.1"));
        headers.put("Accept", List.of("application/json"));
        if (request.requiresAuthentication()) {
            headers.put("Authorization", List.of(request.getAuthString()));
        }
        HttpMethod method = request.getMethod();
        String body;
        if (method != HttpMethod.POST) {
            body = null;
        } else if (request.getContentType() == EnumConstants.ContentType.JSON) {
            // NetworkHttpClient: new StringEntity(request.getBody(), APPLICATION_JSON), which refuses null.
            body = Objects.requireNonNull(request.getBody(), "Source string");
            headers.put("Content-Type", List.of(EnumConstants.ContentType.JSON.getValue()));
        } else {
            body = request.encodeFormBody();
        }
        Exchange exchange = wire.send(method.toString(), target, headers, body);
        return new Response(exchange.responseBody(), exchange.status(), headers(exchange));
    }

    /**
     * A 5xx is a server bug the suite must see once: twilio-java would otherwise retry it three
     * times, repeating non-idempotent POSTs.
     */
    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    private URI rewrite(Request request) {
        URI original;
        try {
            original = request.constructURL().toURI();
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("twilio-java built an invalid URL: " + request.getUrl(), e);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
        return URI.create(base + original.getRawPath() + query);
    }

    private static Header[] headers(Exchange exchange) {
        List<Header> headers = new ArrayList<>();
        exchange.responseHeaders().forEach((name, values) ->
                values.forEach(value -> headers.add(new BasicHeader(name, value))));
        return headers.toArray(Header[]::new);
    }
}
