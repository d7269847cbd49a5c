package dev.assent.server.api;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request parameter as the edge parsed it: its typed value, if it was given, and the name the
 * edge knows it by. A feature's rule that refuses it (or requires it) names it through this record,
 * so the feature keeps its rules without knowing any wire name (docs/decisions.md, "Wire names at the edge").
 */
public record Input<T>(String name, Optional<T> value) {

    public Input {
        Objects.requireNonNull(name);
        Objects.requireNonNull(value);
    }

    public static <T> Input<T> of(String name, Optional<T> value) {
        return new Input<>(name, value);
    }

    public boolean isPresent() {
        return value.isPresent();
    }

    /** The value, or the missing-parameter error naming this parameter. */
    public T required() {
        return value.orElseThrow(this::missing);
    }

    public ApiException missing() {
        return ApiException.missingParameter(name);
    }

    /** The invalid-parameter error naming this parameter; {@code shown} is the value quoted (null for a secret). */
    public ApiException invalid(String shown, String rule) {
        return ApiException.invalidParameter(name, shown, rule);
    }

    /** The same parameter with its value mapped (a copy, a rule's result), still named as sent. */
    public <U> Input<U> map(Function<? super T, ? extends U> mapper) {
        return new Input<>(name, value.map(mapper));
    }
}
