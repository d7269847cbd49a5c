package dev.assent.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 description of exactly what this server routes, a resource
 * in the jar. It is derived from Twilio's Verify v2 document (its operations and operation ids) plus
 * Assent's extensions; a test regenerates it and checks it against the routing table.
 */
public final class OpenApiDocument {

    /** Where the document lives on the classpath. */
    public static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError("the jar lacks " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void routing(HttpRules routing) {
        routing.get("/openapi.json", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            res.send(document);
        });
    }
}
