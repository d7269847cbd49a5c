package dev.assent.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request id and the access log. Every response carries a {@code Twilio-Request-Id} ({@code RQ} and
 * 32 hex digits from {@link SecureRandom}, Twilio's form), and every request is one line on the logger
 * {@value #LOGGER}: method, route template, status, duration in milliseconds and that id (also in the
 * MDC as {@value #MDC_KEY} while the request is handled, so every line it logs carries it).
 *
 * <p>The line names the route's template ({@code /v2/Services/{ServiceSid}/Entities/{Identity}}), never
 * the path itself, which carries identities; nor a query, header or body, which carry credentials,
 * codes and secrets. Requests Helidon refuses before routing are logged by {@link EdgeErrors} with the
 * route {@value #UNROUTED}.
 */
public final class AccessLog {

    public static final String LOGGER = "assent.access";
    public static final HeaderName REQUEST_ID = HeaderNames.create("Twilio-Request-Id");
    public static final String MDC_KEY = "request_id";
    /** The route of a request that matched none (the 404 catch-all) or was refused before routing. */
    public static final String UNROUTED = "-";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** When the current connection thread read its request's first line; 0 when none is being read. */
    private static final ThreadLocal<long[]> STARTED = ThreadLocal.withInitial(() -> new long[1]);

    private AccessLog() {
    }

    /** A fresh request id: {@code RQ} and 32 lowercase hex digits. */
    public static String newRequestId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "RQ" + HEX.formatHex(bytes);
    }

    /**
     * Notes when each request's first line was read, so its duration counts its headers and body
     * arriving, and passes every event on to {@code next}. One listener wrapping the other, because
     * Helidon 4.5 combines two receive listeners into one that calls neither.
     */
    public static Http1ConnectionListener listener(Http1ConnectionListener next) {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                STARTED.get()[0] = System.nanoTime();
                next.prologue(ctx, prologue);
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                next.headers(ctx, headers);
            }

            @Override
            public void status(ConnectionContext ctx, Status status) {
                next.status(ctx, status);
            }

            @Override
            public void data(ConnectionContext ctx, BufferData data) {
                next.data(ctx, data);
            }

            @Override
            public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
                next.data(ctx, bytes, offset, length);
            }
        };
    }

    /** Gives the response its request id before anything else runs, and logs the request once it is answered. */
    public static Filter filter() {
        return (chain, req, res) -> {
            long started = takeStart();
            String id = newRequestId();
            res.header(REQUEST_ID, id);
            MDC.put(MDC_KEY, id);
            try {
                chain.proceed();
            } finally {
                MDC.remove(MDC_KEY);
                String route = RouteTable.template(req).orElse(UNROUTED);
                log(req.prologue().method().text(), route, res.status().code(), started, id);
            }
        };
    }

    /** The start of the request being read on this thread (now if unknown), cleared for the next one. */
    static long takeStart() {
        long[] started = STARTED.get();
        long at = started[0] == 0 ? System.nanoTime() : started[0];
        started[0] = 0;
        return at;
    }

    /** 1 to 16 capital ASCII letters; a loop, not a regular expression, as it runs for every request. */
    private static boolean looksLikeMethod(String token) {
        if (token == null || token.isEmpty() || token.length() > 16) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** One access line; {@code route} is a template or {@link #UNROUTED}, never a request's path. */
    static void log(String requestMethod, String route, int status, long startedNanos, String id) {
        // A method is whatever token the client sent: logged only when it looks like one.
        String method = looksLikeMethod(requestMethod) ? requestMethod : UNROUTED;
        long millis = Math.max(0, (System.nanoTime() - startedNanos) / 1_000_000);
        log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", millis)
                .addKeyValue(MDC_KEY, id)
                .log("{} {} {} {} ms {}", method, route, status, millis, id);
    }
}
