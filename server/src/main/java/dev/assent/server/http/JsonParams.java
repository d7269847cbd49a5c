package dev.assent.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.challenge.DetailField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters whose values are JSON text: {@code Metadata} and {@code HiddenDetails} (an object of
 * strings, at most 1024 characters) and each {@code Details.Fields} entry ({@code {"label","value"}}).
 * Bad JSON is a 400 naming the parameter, never a 500, and so is a control character in a string.
 */
final class JsonParams {

    static final int MAX_OBJECT_CHARS = 1024;
    static final int MAX_FIELD_CHARS = 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    private JsonParams() {
    }

    static Optional<Map<String, String>> stringMap(Params params, String name) {
        return params.optionalMultiline(name).map(raw -> {
            if (raw.length() > MAX_OBJECT_CHARS) {
                throw new ApiException(errorFor(name), "Invalid parameter " + name + ": at most " + MAX_OBJECT_CHARS + " characters");
            }
            JsonNode node = parse(name, raw);
            if (!node.isObject()) {
                throw new ApiException(errorFor(name), "Invalid parameter " + name + ": must be a JSON object of strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (var entry : node.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw new ApiException(errorFor(name), "Invalid parameter " + name + ": value of '" + entry.getKey()
                            + "' must be a string");
                }
                refuseControl(name, entry.getKey());
                refuseControl(name, entry.getValue().textValue());
                map.put(entry.getKey(), entry.getValue().textValue());
            }
            return map;
        });
    }

    static List<DetailField> detailFields(Params params, String name) {
        List<DetailField> fields = new ArrayList<>();
        for (String raw : params.allMultiline(name)) {
            if (raw.length() > MAX_FIELD_CHARS) {
                throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS, "Invalid parameter " + name + ": entry too long");
            }
            JsonNode node = parse(name, raw);
            JsonNode label = node.get("label");
            JsonNode value = node.get("value");
            if (!node.isObject() || label == null || !label.isTextual() || value == null || !value.isTextual() || node.size() != 2) {
                throw new ApiException(ApiError.INVALID_CHALLENGE_DETAILS,
                        "Invalid parameter " + name + ": each entry must be a JSON object {\"label\": string, \"value\": string}");
            }
            refuseControl(name, label.textValue());
            refuseControl(name, value.textValue());
            fields.add(new DetailField(label.textValue(), value.textValue()));
        }
        return fields;
    }

    private static JsonNode parse(String name, String raw) {
        try {
            JsonNode node = STRICT.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(errorFor(name), "Invalid parameter " + name + ": must be JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(errorFor(name), "Invalid parameter " + name + ": must be valid JSON");
        }
    }

    /** A JSON escape such as {@code \\u0000} decodes to a control character: refused like a raw one. */
    private static void refuseControl(String name, String text) {
        if (Params.hasControl(text, false)) {
            throw new ApiException(errorFor(name), "Invalid parameter " + name + ": must not contain control characters");
        }
    }

    private static ApiError errorFor(String name) {
        return name.startsWith("Details") || name.equals("HiddenDetails") ? ApiError.INVALID_CHALLENGE_DETAILS : ApiError.INVALID_PARAMETER;
    }
}
