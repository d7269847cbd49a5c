package dev.assent.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text exposition (format 0.0.4), without authentication, like
 * the probes: it carries counts by route template, factor type and outcome, never a SID, an
 * identity or a secret. Served on the management port when one is configured, and then not here.
 */
public final class MetricsApi {

    public static final String PATH = "/metrics";
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> exposition;

    /** {@code exposition}: the current scrape, in the Prometheus text format. */
    public MetricsApi(Supplier<String> exposition) {
        this.exposition = Objects.requireNonNull(exposition);
    }

    public void routing(HttpRules routing) {
        routing.get(PATH, (req, res) -> {
            byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
            res.status(Status.OK_200);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            res.send(body);
        });
    }
}
