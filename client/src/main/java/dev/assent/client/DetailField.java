package dev.assent.client;

import java.util.Objects;

/**
 * One labelled line of a challenge's details ({@code Details.Fields} item), shown to the user with the
 * push notification, e.g. {@code Action: Sign up in portal}. Labels hold at most 36 characters, values 128.
 *
 * @param label the label, e.g. {@code Action}
 * @param value the value, e.g. {@code Sign up in portal}
 */
public record DetailField(String label, String value) {

    /** Both parts are required. */
    public DetailField {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
