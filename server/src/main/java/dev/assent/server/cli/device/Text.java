package dev.assent.server.cli.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Makes server-supplied text safe to print on a terminal. */
final class Text {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Text() {
    }

    /**
     * {@code value} with every control character (ANSI escapes, carriage returns, line breaks) shown as
     * {@code \}{@code uXXXX}, so a challenge message cannot rewrite the terminal or fake extra output lines.
     */
    static String safe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Indented JSON; control characters in strings come out escaped, as JSON requires. */
    static String prettyJson(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
