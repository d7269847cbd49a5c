package dev.assent.server.http;

import dev.assent.server.api.ApiException;
import dev.assent.server.api.WireValue;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

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
 *
 * <p>This is where wire text becomes typed values: {@link #optional(String, Function, String)} is the one
 * parse step, and the typed readers ({@link #optionalEnum}, {@link #optionalSid}, {@link #optionalInt},
 * {@link #optionalFriendlyName}, …) are built on it. Every refusal is
 * {@link ApiException#invalidParameter} naming the parameter as the client spelled it in Twilio's docs.
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

    /**
     * The one typed parse: the single value of {@code name} turned into a {@code T} by {@code parse}; a
     * value {@code parse} answers empty for is invalid, and the error quotes it and states {@code rule}.
     */
    <T> Optional<T> optional(String name, Function<String, Optional<T>> parse, String rule) {
        return optional(name).map(v -> parse.apply(v).orElseThrow(() -> ApiException.invalidParameter(name, v, rule)));
    }

    /** Like {@link #optional(String, Function, String)} for every value of a repeated parameter, in order. */
    <T> List<T> all(String name, Function<String, Optional<T>> parse, String rule) {
        return all(name).stream().map(v -> parse.apply(v).orElseThrow(() -> ApiException.invalidParameter(name, v, rule))).toList();
    }

    /** A constant of a wire enum, spelled exactly as Twilio spells it ({@code values} are the ones accepted). */
    <E extends WireValue> Optional<E> optionalEnum(String name, E[] values) {
        return optional(name, v -> WireValue.fromWire(values, v), "must be " + WireValue.describe(values));
    }

    /** A SID of {@code type}: its prefix and 32 hex digits. */
    Optional<Sid> optionalSid(String name, SidType type) {
        return optional(name, v -> Sid.matches(type, v) ? Optional.of(new Sid(type, v)) : Optional.empty(),
                "must be a " + type.prefix() + " SID");
    }

    /**
     * A friendly name: 1 to {@code maxLength} characters, not blank. The one check every resource's
     * {@code FriendlyName} (and the access token's {@code FactorFriendlyName}) goes through.
     */
    Optional<String> optionalFriendlyName(String name, int maxLength) {
        return optionalText(name, maxLength);
    }

    /** A text of 1 to {@code maxLength} characters that is not blank, such as an app id or an SDK version. */
    Optional<String> optionalText(String name, int maxLength) {
        return optional(name, v -> v.isBlank() || v.length() > maxLength ? Optional.empty() : Optional.of(v),
                "must be 1 to " + maxLength + " characters");
    }

    /** Like {@link #optional(String)} for a value of at most {@code maxLength} characters (not quoted if too long). */
    Optional<String> optionalBounded(String name, int maxLength) {
        Optional<String> value = optional(name);
        if (value.isPresent() && value.get().length() > maxLength) {
            throw ApiException.invalidParameter(name, null, "must be at most " + maxLength + " characters");
        }
        return value;
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

    /** A decimal integer of at most nine digits (and an optional minus sign). */
    OptionalInt optionalInt(String name) {
        Optional<Integer> value = optional(name, Params::integer, "must be an integer");
        return value.isPresent() ? OptionalInt.of(value.get()) : OptionalInt.empty();
    }

    /** An integer from {@code min} to {@code max}, both included: a range Twilio documents for the parameter. */
    OptionalInt optionalInt(String name, int min, int max) {
        OptionalInt value = optionalInt(name);
        if (value.isPresent() && (value.getAsInt() < min || value.getAsInt() > max)) {
            throw ApiException.invalidParameter(name, Integer.toString(value.getAsInt()), "must be between " + min + " and " + max);
        }
        return value;
    }

    private static Optional<Integer> integer(String v) {
        boolean digits = !v.isEmpty() && v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean negative = v.length() > 1 && v.length() <= 10 && v.startsWith("-") && v.substring(1).chars().allMatch(Character::isDigit);
        return digits || negative ? Optional.of(Integer.parseInt(v)) : Optional.empty();
    }

    Optional<Boolean> optionalBoolean(String name) {
        return optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidParameter(name, v, "must be true or false");
        });
    }
}
