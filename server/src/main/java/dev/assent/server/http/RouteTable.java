package dev.assent.server.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers routes into the server's routing and records each method and path template it is given:
 * the list of what this server serves, which the OpenAPI document is checked against. Catch-all
 * handlers ({@code any(handler)}) are registered but are not routes.
 */
public final class RouteTable implements HttpRules {

    /** One served operation: an HTTP method and a path template such as {@code /v2/Services/{ServiceSid}}. */
    public record Route(String method, String path) {
        public Route {
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
        }
    }

    private final HttpRules routing;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(HttpRules routing) {
        this.routing = Objects.requireNonNull(routing);
    }

    @Override
    public HttpRules route(Method method, String pathPattern, Handler handler) {
        routes.add(new Route(method.text(), pathPattern));
        routing.route(method, pathPattern, handler);
        return this;
    }

    /**
     * The path template of the route that served {@code req}, such as {@code /v2/Services/{ServiceSid}}
     * (Helidon's matched pattern, known once routing has matched); empty for a request no route matched
     * (the catch-all matches with an empty pattern). The access log and the request timer read it here.
     */
    public static Optional<String> template(ServerRequest req) {
        return req.matchingPattern().filter(pattern -> !pattern.isEmpty());
    }

    @Override
    public HttpRules route(HttpRoute route) {
        routing.route(route);
        return this;
    }

    @Override
    public HttpRules register(HttpService... services) {
        routing.register(services);
        return this;
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
        routing.register(pathPattern, services);
        return this;
    }

    /** The routes registered so far, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
