package dev.assent.server.device;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Comparator;

/** Strict JSON reading and semantic comparison for signed device payloads (docs/push-protocol.md §4, §6.3). */
final class Json {

    // Duplicate keys are refused: two parsers that pick different duplicates would disagree on what
    // was signed. Trailing content is refused for the same reason. Decimals are kept exact.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Numbers equal by value (1, 1.0 and 1e0 are the same JSON number); everything else by Jackson equality. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber() && isFinite(a) && isFinite(b)) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private Json() {
    }

    /** The UTF-8 JSON object in {@code bytes}, or {@code null} if it is not exactly one well-formed object. */
    static ObjectNode readObject(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes) instanceof ObjectNode object ? object : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * JSON-semantic equality: same structure, object members in any order, strings by content (so
     * {@code "\/"} and {@code "/"} are the same once parsed), numbers by value, {@code null} equal to
     * {@code null}.
     */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** NaN and infinities (only possible in server-built DoubleNode/FloatNode values) have no decimal value. */
    private static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }
}
