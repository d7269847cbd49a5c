package dev.assent.client;

import java.util.Objects;

/**
 * One labelled line of a challenge's details ({@code Details.Fields} item), shown to the user with the
 * push notification, e.g. {@code Action: Sign up in portal}. Labels hold at most 36 characters, values 128.
 */
public record DetailField(String label, String value) {

    public DetailField {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
