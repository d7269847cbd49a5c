package dev.assent.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON helpers: reads snake_case response fields by hand (so resources carry no annotations), parses
 * dates, and serializes the JSON-string form parameters ({@code Details.Fields}, {@code Metadata}).
 */
public final class Json {

    /** Shared, thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** What Twilio sends and accepts: ISO-8601 UTC with seconds and {@code Z}. */
    private static final DateTimeFormatter WIRE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not JSON: " + abbreviate(body), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value, e);
        }
    }

    /** {@code {"label":…,"value":…}} as one string, key order fixed. */
    public static String labelValue(String label, String value) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("label", label);
        node.put("value", value);
        return write(node);
    }

    public static String formatDate(Instant instant) {
        return instant == null ? null : WIRE_DATE.format(instant);
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    /** Accepts {@code 2015-07-30T20:00:00Z}, numeric offsets and fractions. */
    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("field " + field + " is not an ISO-8601 date: " + text, e);
        }
    }

    public static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        value.forEach(element -> result.add(element.asText()));
        return List.copyOf(result);
    }

    /** A JSON object as an unmodifiable map of plain Java values (empty when absent or null). */
    public static Map<String, Object> map(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            return Map.of();
        }
        Map<String, Object> result = MAPPER.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
        return java.util.Collections.unmodifiableMap(result);
    }

    /** A JSON object of strings, as sent in {@code links}, {@code hidden_details} or {@code metadata}. */
    public static Map<String, String> stringMap(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.properties().forEach(entry -> result.put(entry.getKey(),
                entry.getValue().isNull() ? null : entry.getValue().asText()));
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Maps a lower-case wire token to an enum constant; {@code null} stays {@code null}. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String wire) {
        if (wire == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown " + type.getSimpleName() + " '" + wire + "'", e);
        }
    }

    /** The lower-case wire token of an enum constant. */
    public static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
