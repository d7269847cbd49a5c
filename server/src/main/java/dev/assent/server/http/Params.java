package dev.assent.server.http;

import dev.assent.server.api.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Request parameters from a form body or a query string: a multi-map whose names match
 * case-insensitively (the iOS SDK sends {@code pageToken}, Twilio documents {@code PageToken}).
 * Dotted names such as {@code Binding.PublicKey} are flat keys, never property paths.
 *
 * <p>No parameter may hold a control character (C0 or DEL): a NUL is stored by SQLite and refused by
 * PostgreSQL, and none belongs in a name, identity, code or token. The one exception is tab, line
 * feed and carriage return in the parameters that are multi-line text by nature, read with
 * {@link #optionalMultiline}: JSON (whose strings {@link JsonParams} checks once parsed) and the PEM
 * certificates, keys and service-account JSON of push credentials.
 */
final class Params {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    void add(String name, String value) {
        if (hasControl(name, false)) {
            throw ApiException.invalidParameter(name.replaceAll("\\p{Cntrl}", "?"), null,
                    "a parameter name must not contain control characters");
        }
        if (hasControl(value, true)) {
            throw ApiException.invalidParameter(name, null, "must not contain control characters");
        }
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** The single value of {@code name}; a parameter sent twice is a client error, not a silent pick. */
    Optional<String> optional(String name) {
        Optional<String> value = optionalMultiline(name);
        value.ifPresent(v -> refuseControl(name, v));
        return value;
    }

    /** Every value of {@code name}, in order. */
    List<String> all(String name) {
        List<String> list = allMultiline(name);
        list.forEach(v -> refuseControl(name, v));
        return list;
    }

    /** Like {@link #optional} for a multi-line parameter (JSON, PEM), which may hold tab, line feed and carriage return. */
    Optional<String> optionalMultiline(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        if (list.size() > 1) {
            throw ApiException.invalidParameter(name, null, "must be given once");
        }
        return Optional.of(list.get(0));
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> ApiException.missingParameter(name));
    }

    /** Like {@link #all} for a multi-line parameter. */
    List<String> allMultiline(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    /** Refuses a control character in a path segment such as the entity's identity. */
    static String pathSegment(String name, String value) {
        if (value != null) {
            refuseControl(name, value);
        }
        return value;
    }

    /** Whether {@code text} holds a C0 control or DEL; tab, line feed and carriage return are let through if asked. */
    static boolean hasControl(String text, boolean jsonWhitespaceAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x7f || c < 0x20 && !(jsonWhitespaceAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
                return true;
            }
        }
        return false;
    }

    private static void refuseControl(String name, String value) {
        if (hasControl(value, false)) {
            throw ApiException.invalidParameter(name, null, "must not contain control characters");
        }
    }

    Optional<Integer> optionalInt(String name) {
        return optional(name).map(v -> {
            if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (v.length() <= 10 && v.startsWith("-") && v.length() > 1 && v.substring(1).chars().allMatch(Character::isDigit)) {
                    return Integer.parseInt(v);
                }
                throw ApiException.invalidParameter(name, v, "must be an integer");
            }
            return Integer.parseInt(v);
        });
    }

    Optional<Boolean> optionalBoolean(String name) {
        return optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidParameter(name, v, "must be true or false");
        });
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
