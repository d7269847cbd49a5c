package dev.assent.conformance;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The smallest twilio-java {@link HttpClient} that sends the SDK's requests to Assent instead of
 * {@code verify.twilio.com}: the README's example, compiled and run by {@link ReadmeExampleIT} so it
 * stays correct. Copy it into an application as it is.
 */
public final class AssentHttpClient extends HttpClient {

    private final String base;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    /** @param base Assent's base URL, e.g. {@code http://127.0.0.1:8080} */
    public AssentHttpClient(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request request) {
        try {
            URI twilio = request.constructURL().toURI();
            String query = twilio.getRawQuery() == null ? "" : "?" + twilio.getRawQuery();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + twilio.getRawPath() + query))
                    .header("Accept", "application/json");
            if (request.requiresAuthentication()) {
                builder.header("Authorization", request.getAuthString());
            }
            if (request.getMethod() == HttpMethod.POST) {
                boolean json = request.getContentType() == EnumConstants.ContentType.JSON; // the Passkeys operations
                builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(json ? request.getBody() : request.encodeFormBody()));
            } else {
                builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Header[] headers = response.headers().map().entrySet().stream()
                    .flatMap(h -> h.getValue().stream().map(value -> new BasicHeader(h.getKey(), value)))
                    .toArray(Header[]::new);
            return new Response(response.body(), response.statusCode(), headers);
        } catch (IOException | URISyntaxException e) {
            throw new ApiConnectionException("request to Assent failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted", e);
        }
    }
}
