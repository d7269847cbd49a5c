package dev.assent.server.entity;

import dev.assent.server.api.ApiException;
import java.util.regex.Pattern;

/** The rules of an entity identity: 8 to 64 characters, alphanumeric runs separated by single dashes. */
public final class Identity {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*");

    private Identity() {
    }

    public static boolean isValid(String identity) {
        return identity != null
                && identity.length() >= MIN_LENGTH
                && identity.length() <= MAX_LENGTH
                && SHAPE.matcher(identity).matches();
    }

    /**
     * Returns the identity if valid; otherwise throws an invalid-parameter error naming
     * {@code parameter}, the wire name the edge read it from.
     */
    public static String require(String parameter, String identity) {
        if (identity == null || identity.isEmpty()) {
            throw ApiException.missingParameter(parameter);
        }
        if (!isValid(identity)) {
            throw ApiException.invalidParameter(parameter, identity,
                    "must be 8 to 64 characters: letters and digits, optionally separated by single dashes");
        }
        return identity;
    }
}
