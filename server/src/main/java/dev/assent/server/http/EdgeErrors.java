package dev.assent.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers to requests Helidon refuses before routing (malformed framing, a body or header
 * section over its limits, a URI too long, too many requests at once): the same Twilio JSON error
 * body and {@code Date} header as every other error, and the connection closed, since after a
 * framing error the rest of the stream cannot be trusted. Each carries its own request id and has its
 * access-log line, as a routed request does ({@link AccessLog}).
 */
public final class EdgeErrors implements DirectHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    private EdgeErrors(Clock clock) {
        this.clock = clock;
    }

    /** One handler for every kind of event Helidon answers itself. */
    public static DirectHandlers handlers(Clock clock) {
        EdgeErrors handler = new EdgeErrors(clock);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status, ServerResponseHeaders headers,
            String message) {
        // Helidon's message can quote the request; it goes to the debug log only.
        log.debug("refused before routing: {} {} ({})", status.code(), eventType, message);
        // Every request that reaches routing is answered there, failures included; what Helidon calls an
        // internal error is a connection that failed while a request was read: the client went away, or
        // its request deadline closed it. A 500 would make Helidon log a stack trace for each.
        Status answered = eventType == EventType.INTERNAL_ERROR ? Status.BAD_REQUEST_400 : status;
        int code = answered.code();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(ErrorBodies.of(code, twilioCode(code), text(code)));
        } catch (JsonProcessingException e) {
            throw new AssertionError("an error body always renders", e);
        }
        String id = AccessLog.newRequestId();
        AccessLog.log(request.method(), AccessLog.UNROUTED, code, AccessLog.takeStart(), id);
        return TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .header(AccessLog.REQUEST_ID, id)
                .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .header(HeaderNames.DATE, Dates.httpDate(clock.instant()))
                .keepAlive(false)
                .entity(body)
                .build();
    }

    private static int twilioCode(int status) {
        return switch (status) {
            case 500 -> 20500;
            case 503 -> 20503;
            default -> status >= 500 ? 20500 : 60200;
        };
    }

    private static String text(int status) {
        return switch (status) {
            case 400 -> "Malformed or incomplete HTTP request";
            case 403 -> "Permission denied";
            case 408 -> "Request not received in time";
            case 413 -> "Request body too large";
            case 414 -> "Request URI too long";
            case 431 -> "Request headers too large";
            case 503 -> "Too many requests in progress; try again";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "Internal server error" : "Bad request";
        };
    }
}
