package dev.assent.server.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One POST to make through the outbound policy.
 *
 * @param url          where to
 * @param headers      request headers (besides Content-Type)
 * @param contentType  the body's media type
 * @param body         the request body
 * @param deadline     the limit on the whole attempt: resolving, connecting, sending, headers and body
 * @param readResponse whether the response body is wanted (read up to {@link OutboundHttp#MAX_RESPONSE_BYTES});
 *                     if not, it is never read
 */
public record OutboundRequest(URI url, Map<String, String> headers, String contentType, byte[] body, Duration deadline,
        boolean readResponse) {

    public OutboundRequest {
        Objects.requireNonNull(url);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(contentType);
        body = body.clone();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive");
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "OutboundRequest[" + url.getHost() + "]"; // headers and body may carry credentials
    }
}
