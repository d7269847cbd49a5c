package dev.assent.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import java.util.Set;

/**
 * Told of every answered request by the edge, for the operator's request timer: its method, the route
 * TEMPLATE it matched (never the raw path, which carries SIDs and identities), its status and how
 * long it took. Implemented outside the edge (the server's metrics); {@link #NONE} records nothing.
 */
@FunctionalInterface
public interface HttpMetrics {

    /** The route of a request that matched none of the routing table's templates. */
    String UNMATCHED = "unmatched";
    /** The method of a request whose method is none of the standard ones (a client may send any token). */
    String OTHER_METHOD = "other";

    HttpMetrics NONE = (method, route, status, nanos) -> { };

    /**
     * @param method a standard HTTP method, or {@link #OTHER_METHOD}
     * @param route  a path template such as {@code /v2/Services/{ServiceSid}}, or {@link #UNMATCHED}
     * @param status the status answered
     * @param nanos  from the request reaching the routing to its answer being written
     */
    void request(String method, String route, int status, long nanos);

    /** Times every request that passes the routing this filter is added to. */
    static Filter filter(HttpMetrics metrics) {
        Set<String> methods = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        return (chain, req, res) -> {
            long start = System.nanoTime();
            try {
                chain.proceed();
            } finally {
                String method = req.prologue().method().text();
                // Helidon answers 500 itself for an exception that escapes the routing.
                int status = res.isSent() ? res.status().code() : 500;
                metrics.request(methods.contains(method) ? method : OTHER_METHOD, route(req), status, System.nanoTime() - start);
            }
        };
    }

    /** The template of the route that served {@code req}, as {@link RouteTable} recorded it. */
    static String route(ServerRequest req) {
        return RouteTable.template(req).orElse(UNMATCHED);
    }
}
