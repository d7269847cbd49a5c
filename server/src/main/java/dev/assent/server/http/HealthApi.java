package dev.assent.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.health.Readiness;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The probes, without authentication: {@code /health/live} (the process serves HTTP; no database, so a
 * database outage never gets the process restarted), its older name {@code /healthz}, and
 * {@code /health/ready} (every readiness check, 503 naming those that fail). Bodies carry check names
 * and fixed phrases only: no addresses, versions of other software, or secrets.
 */
public final class HealthApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LIVE = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Readiness readiness;

    public HealthApi(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness);
    }

    public void routing(HttpRules routing) {
        routing
                // Liveness, without authentication or database: also the benchmark's no-op ceiling.
                .get("/healthz", (req, res) -> send(res, 200, LIVE))
                .get("/health/live", (req, res) -> send(res, 200, LIVE))
                .get("/health/ready", (req, res) -> ready(res));
    }

    private void ready(ServerResponse res) {
        Readiness.Report report = readiness.check();
        ObjectNode body = JSON.createObjectNode().put("status", report.ready() ? "ok" : "unavailable");
        if (!report.ready()) {
            ArrayNode failing = body.putArray("failing");
            report.failing().forEach(failing::add);
        }
        ArrayNode checks = body.putArray("checks");
        for (Readiness.Check check : report.checks()) {
            ObjectNode node = checks.addObject().put("name", check.name()).put("status", check.passed() ? "ok" : "failing");
            check.reason().ifPresent(reason -> node.put("reason", reason));
        }
        try {
            send(res, report.ready() ? 200 : 503, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(ServerResponse res, int status, byte[] body) {
        res.status(Status.create(status));
        // A probe's answer describes this moment only.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body);
    }
}
