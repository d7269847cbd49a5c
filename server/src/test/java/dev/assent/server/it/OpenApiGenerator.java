package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Derives {@code server/src/main/resources/openapi.json} from Twilio's Verify v2 document (kept outside
 * the repository, in {@code ../shared/reference/}) and Assent's extensions
 * ({@code src/test/resources/openapi/assent-extensions.json}): Twilio's operations exactly where the
 * server routes them (with Twilio's operation ids, parameters and schemas), the extensions beside
 * them, and only the schemas those reference. Deterministic, so a test can regenerate and compare.
 */
final class OpenApiGenerator {

    static final Path DOCUMENT = Path.of("src", "main", "resources", "openapi.json");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiGenerator() {
    }

    /** {@code GET /v2/Services/{}}: a method and a path with its parameter names erased. */
    static String operationKey(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]+}", "{}");
    }

    /** Twilio's document: the first {@code shared/reference/twilio_verify_v2.json} at or above the working directory. */
    static JsonNode twilioDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference").resolve("twilio_verify_v2.json");
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new IllegalStateException("Twilio's twilio_verify_v2.json not found in ../shared/reference/ or above " + Path.of("")
                .toAbsolutePath());
    }

    static JsonNode extensions() {
        try (InputStream in = OpenApiGenerator.class.getResourceAsStream("/openapi/assent-extensions.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(JsonNode document, Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode generate(JsonNode twilio, JsonNode extensions, Collection<RouteTable.Route> routes) {
        Set<String> routed = routes.stream().map(r -> operationKey(r.method(), r.path())).collect(Collectors.toSet());
        ObjectNode document = JSON.createObjectNode();
        document.set("openapi", twilio.get("openapi"));
        document.set("info", extensions.get("info"));
        document.set("servers", extensions.get("servers"));
        document.set("security", twilio.get("security"));
        ObjectNode paths = document.putObject("paths");
        twilio.get("paths").properties().forEach(entry -> {
            String path = entry.getKey();
            JsonNode item = entry.getValue();
            List<String> served = METHODS.stream().filter(m -> item.has(m) && routed.contains(operationKey(m, path))).toList();
            if (served.isEmpty()) {
                return;
            }
            ObjectNode kept = paths.putObject(path);
            // Twilio's path-level servers point at twilio.com; the document's own servers apply instead.
            item.properties().stream().filter(f -> !METHODS.contains(f.getKey()) && !f.getKey().equals("servers"))
                    .forEach(f -> kept.set(f.getKey(), f.getValue()));
            served.forEach(m -> kept.set(m, item.get(m)));
        });
        extensions.get("paths").properties().forEach(entry -> {
            ObjectNode item = paths.has(entry.getKey()) ? (ObjectNode) paths.get(entry.getKey()) : paths.putObject(entry.getKey());
            entry.getValue().properties().forEach(op -> item.set(op.getKey(), op.getValue()));
        });

        Map<String, JsonNode> available = new TreeMap<>();
        twilio.get("components").get("schemas").properties().forEach(e -> available.put(e.getKey(), e.getValue()));
        extensions.get("schemas").properties().forEach(e -> available.put(e.getKey(), e.getValue()));
        ObjectNode components = document.putObject("components");
        components.set("securitySchemes", twilio.get("components").get("securitySchemes"));
        ObjectNode schemas = components.putObject("schemas");
        referencedSchemas(paths, available).forEach(name -> schemas.set(name, available.get(name)));

        Set<String> usedTags = new LinkedHashSet<>();
        paths.forEach(item -> METHODS.stream().filter(item::has).forEach(m -> item.get(m).path("tags").forEach(t -> usedTags.add(t.asText()))));
        ArrayNode tags = document.putArray("tags");
        for (JsonNode source : List.of(twilio.get("tags"), extensions.get("tags"))) {
            source.forEach(tag -> {
                if (usedTags.contains(tag.get("name").asText())) {
                    tags.add(tag);
                }
            });
        }
        return document;
    }

    /** The schemas the paths reference, directly or through other schemas, sorted by name. */
    private static Set<String> referencedSchemas(JsonNode paths, Map<String, JsonNode> available) {
        String prefix = "#/components/schemas/";
        Set<String> found = new java.util.TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>(List.of(paths));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(prefix)) {
                String name = ref.asText().substring(prefix.length());
                if (!available.containsKey(name)) {
                    throw new IllegalStateException("no schema " + name);
                }
                if (found.add(name)) {
                    todo.push(available.get(name));
                }
            }
            node.forEach(todo::push);
        }
        return found;
    }
}
