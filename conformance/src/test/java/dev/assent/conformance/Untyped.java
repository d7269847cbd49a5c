package dev.assent.conformance;

import java.util.List;
import java.util.Map;

/**
 * twilio-java types the untyped spec objects ({@code config}, {@code binding}, {@code details},
 * {@code totp}, ...) as {@link Object}; Jackson fills them with maps and lists. These casts give
 * them a type AssertJ can work with.
 */
final class Untyped {

    private Untyped() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value != null && !(value instanceof Map)) {
            throw new AssertionError("expected a JSON object, got " + value.getClass().getSimpleName() + ": " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value != null && !(value instanceof List)) {
            throw new AssertionError("expected a JSON array, got " + value.getClass().getSimpleName() + ": " + value);
        }
        return (List<Object>) value;
    }
}
