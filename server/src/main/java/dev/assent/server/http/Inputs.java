package dev.assent.server.http;

import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed parameters for the feature commands: each read from {@link Params} by its wire name and
 * parsed (a SID, an enum by its wire name, a number of seconds), then handed on as an {@link Input}
 * that keeps the name, so a feature's rule can refuse it by name. A value that does not parse is a
 * 400 naming the parameter here, at the edge.
 */
final class Inputs {

    private Inputs() {
    }

    static Input<String> text(Params params, String name) {
        return Input.of(name, params.optional(name));
    }

    /** A multi-line value (PEM, JSON), which may hold tab, line feed and carriage return. */
    static Input<String> multiline(Params params, String name) {
        return Input.of(name, params.optionalMultiline(name));
    }

    static Input<Integer> integer(Params params, String name) {
        OptionalInt value = params.optionalInt(name);
        return Input.of(name, value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty());
    }

    /** A whole number of seconds (any sign: ranges are the feature's rule). */
    static Input<Duration> seconds(Params params, String name) {
        OptionalInt value = params.optionalInt(name);
        return Input.of(name, value.isPresent() ? Optional.of(Duration.ofSeconds(value.getAsInt())) : Optional.empty());
    }

    /** A SID of {@code type}; anything else is refused as not one. */
    static Input<Sid> sid(Params params, String name, SidType type) {
        return Input.of(name, params.optional(name).map(value -> sid(name, value, type)));
    }

    static Sid sid(String name, String value, SidType type) {
        if (!Sid.matches(type, value)) {
            throw ApiException.invalidParameter(name, value, "must be a " + type.prefix() + " SID");
        }
        return new Sid(type, value);
    }

    /** One of an enum's wire names, parsed by its {@code fromWire}; {@code rule} says what it must be. */
    static <E> Input<E> choice(Params params, String name, Function<String, Optional<E>> fromWire, String rule) {
        return Input.of(name, params.optional(name).map(value -> choice(name, value, fromWire, rule)));
    }

    /** Every value of a repeated parameter, each one of an enum's wire names; absent when none is given. */
    static <E> Input<List<E>> choices(Params params, String name, Function<String, Optional<E>> fromWire, String rule) {
        List<E> parsed = new ArrayList<>();
        for (String value : params.all(name)) {
            parsed.add(choice(name, value, fromWire, rule));
        }
        return Input.of(name, parsed.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(parsed)));
    }

    /** "must be a, b or c", from the wire names of an enum's constants. */
    @SafeVarargs
    static <E> String mustBeOneOf(Function<E, String> wireName, E... values) {
        List<String> names = Arrays.stream(values).map(wireName).toList();
        return "must be " + (names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }

    /** "must be one of a, b, c", from the wire names of an enum's constants. */
    @SafeVarargs
    static <E> String mustBeListedIn(Function<E, String> wireName, E... values) {
        return "must be one of " + Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
    }

    private static <E> E choice(String name, String value, Function<String, Optional<E>> fromWire, String rule) {
        return fromWire.apply(value).orElseThrow(() -> ApiException.invalidParameter(name, value, rule));
    }
}
