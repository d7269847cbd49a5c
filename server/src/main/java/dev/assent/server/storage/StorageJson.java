package dev.assent.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.challenge.DetailField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON documents kept in TEXT columns: string maps and detail fields. */
final class StorageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<DetailField>> FIELDS = new TypeReference<>() { };

    private StorageJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static String writeMap(Optional<Map<String, String>> map) {
        return map.map(StorageJson::write).orElse(null);
    }

    static Optional<Map<String, String>> readMap(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON map in the database", e);
        }
    }

    static List<DetailField> readFields(String json) {
        try {
            return MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt detail fields in the database", e);
        }
    }
}
