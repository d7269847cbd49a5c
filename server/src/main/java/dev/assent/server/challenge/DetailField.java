package dev.assent.server.challenge;

import java.util.Objects;

/** One labelled value shown to the user with a push challenge. */
public record DetailField(String label, String value) {

    public static final int MAX_LABEL = 36;
    public static final int MAX_VALUE = 128;

    public DetailField {
        Objects.requireNonNull(label);
        Objects.requireNonNull(value);
    }
}
