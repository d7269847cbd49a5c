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
 */
final class Params {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    void add(String name, String value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** The single value of {@code name}; a parameter sent twice is a client error, not a silent pick. */
    Optional<String> optional(String name) {
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

    List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
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
