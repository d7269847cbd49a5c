package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.storage.Database;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} on a real server: it is the committed document, the committed document is what
 * the generator derives today from Twilio's spec and the server's routing table (so neither can drift),
 * it documents every route and nothing unrouted, and a parser accepts it as OpenAPI 3.
 *
 * <p>To regenerate after changing a route or the extensions: run this test with
 * {@code -Dassent.openapi.write=true}; it rewrites {@code server/src/main/resources/openapi.json}.
 */
class OpenApiIT extends ApiFixture {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    @Override
    Database openDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    private static JsonNode committed() {
        return OpenApiGenerator.read(OpenApiGenerator.DOCUMENT);
    }

    /** Every operation of a document, as {@link OpenApiGenerator#operationKey} writes it. */
    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().forEach(item -> METHODS.stream().filter(item.getValue()::has)
                .forEach(m -> operations.add(OpenApiGenerator.operationKey(m, item.getKey()))));
        return operations;
    }

    @Test
    void theCommittedDocumentIsWhatTheGeneratorDerivesFromTwilioAndTheRoutes() {
        JsonNode generated = OpenApiGenerator.generate(OpenApiGenerator.twilioDocument(), OpenApiGenerator.extensions(), server.routes());
        if (Boolean.getBoolean("assent.openapi.write")) {
            OpenApiGenerator.write(generated, OpenApiGenerator.DOCUMENT);
        }
        assertThat(committed()).as("%s is stale: rerun OpenApiIT with -Dassent.openapi.write=true", OpenApiGenerator.DOCUMENT)
                .isEqualTo(generated);
    }

    @Test
    void theServerServesTheCommittedDocumentWithoutCredentials() {
        Http.Reply reply = http.get(null, "/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json()).isEqualTo(committed());
    }

    @Test
    void everyRouteIsDocumentedAndNothingUnroutedIs() {
        List<String> routes = server.routes().stream().map(r -> OpenApiGenerator.operationKey(r.method(), r.path())).toList();
        assertThat(routes).doesNotHaveDuplicates().contains("GET /health/ready", "POST /v2/Services/{}/Entities/{}/Factors",
                "GET /v2/Services/{}/Webhooks/{}/Deliveries", "DELETE /v1/Credentials/{}");
        List<String> documented = operations(committed());
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(documented)).isEqualTo(new TreeSet<>(routes));
    }

    @Test
    void twilioOperationsKeepTwilioOperationIdsAndExtensionsAreMarked() {
        JsonNode twilio = OpenApiGenerator.twilioDocument();
        JsonNode document = committed();
        List<String> extensions = new ArrayList<>();
        document.get("paths").properties().forEach(item -> METHODS.stream().filter(item.getValue()::has).forEach(m -> {
            JsonNode operation = item.getValue().get(m);
            JsonNode original = twilio.get("paths").path(item.getKey()).path(m);
            if (operation.path("x-assent-extension").asBoolean()) {
                assertThat(original.isMissingNode()).as("%s %s is Twilio's, not an extension", m, item.getKey()).isTrue();
                extensions.add(operation.get("operationId").asText());
            } else {
                assertThat(operation).as("%s %s as Twilio describes it", m, item.getKey()).isEqualTo(original);
            }
        }));
        assertThat(extensions).containsExactlyInAnyOrder("FetchHealthz", "FetchHealthLive", "FetchHealthReady", "FetchMetrics", "FetchOpenApiDocument",
                "ListNotification", "ListWebhookDelivery", "CreateCredential", "ListCredential", "FetchCredential", "UpdateCredential",
                "DeleteCredential", "CreateSecondaryAuthToken", "DeleteSecondaryAuthToken", "UpdateAuthTokenPromotion",
                "CreateNewKey", "ListKey", "FetchKey", "UpdateKey", "DeleteKey");
        assertThat(document.toString()).doesNotContain("https://verify.twilio.com\"}]");
    }

    @Test
    void theDocumentIsValidOpenApi3ForAParser() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(OpenApiGenerator.DOCUMENT), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).hasSize(committed().get("paths").size());
        // Every $ref resolves to a schema the document carries.
        JsonNode schemas = committed().get("components").get("schemas");
        new ObjectMapper().readTree(Files.readString(OpenApiGenerator.DOCUMENT)).findValues("$ref")
                .forEach(ref -> assertThat(schemas.has(ref.asText().substring("#/components/schemas/".length()))).as(ref.asText()).isTrue());
    }
}
