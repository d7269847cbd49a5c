package dev.assent.client.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Client-side checks of the documented limits, so a bad argument fails with an
 * {@link IllegalArgumentException} naming the parameter before any request is sent. Limits only the
 * server can know (the factor's code length, how far ahead {@code ExpirationDate} may be) are left to it.
 */
public final class Check {

    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private Check() {
    }

    /** A SID: the two-letter {@code prefix} followed by 32 hex digits. */
    public static String sid(String name, String value, String prefix) {
        notNull(name, value);
        if (value.length() != 34 || !value.startsWith(prefix) || !HEX32.matcher(value.substring(2)).matches()) {
            throw new IllegalArgumentException(name + " must be " + prefix + " followed by 32 hex digits: '"
                    + value + "'");
        }
        return value;
    }

    /** An entity identity: 8–64 characters, alphanumeric runs separated by single dashes. */
    public static String identity(String name, String value) {
        notNull(name, value);
        if (value.length() < 8 || value.length() > 64 || !IDENTITY.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 8-64 letters and digits, optionally separated by"
                    + " single dashes: '" + value + "'");
        }
        return value;
    }

    public static String maxLength(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters, was "
                    + value.length());
        }
        return value;
    }

    public static String length(String name, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            throw new IllegalArgumentException(name + " must be " + min + "-" + max + " characters, was "
                    + value.length());
        }
        return value;
    }

    public static <N extends Number> N range(String name, N value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** An unmodifiable copy that keeps the caller's order (the JSON sent follows it); null stays null. */
    public static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    /** A {@code Metadata} / {@code HiddenDetails} object: at most 1024 characters once serialized. */
    public static String jsonObject(String name, Map<String, String> value) {
        if (value == null) {
            return null;
        }
        String json = Json.write(value);
        if (json.length() > 1024) {
            throw new IllegalArgumentException(name + " must be at most 1024 characters as JSON, was "
                    + json.length());
        }
        return json;
    }
}
