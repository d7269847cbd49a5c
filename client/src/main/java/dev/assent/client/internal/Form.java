package dev.assent.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An ordered list of form parameters as Twilio reads them: dotted keys stay flat
 * ({@code Details.Message}), arrays repeat the key once per element ({@code EventTypes=a&EventTypes=b}).
 * Used both for POST bodies and for query strings.
 */
public final class Form {

    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

    /** Adds {@code key=value} unless {@code value} is null. */
    public Form add(String key, Object value) {
        if (value != null) {
            pairs.add(Map.entry(key, String.valueOf(value)));
        }
        return this;
    }

    /** Adds {@code key} once per element, in order. */
    public Form addAll(String key, List<?> values) {
        if (values != null) {
            for (Object value : values) {
                add(key, value);
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    public List<Map.Entry<String, String>> pairs() {
        return List.copyOf(pairs);
    }

    /** {@code application/x-www-form-urlencoded}: UTF-8, space as {@code +}. */
    public String encode() {
        StringJoiner joiner = new StringJoiner("&");
        for (Map.Entry<String, String> pair : pairs) {
            joiner.add(URLEncoder.encode(pair.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
        }
        return joiner.toString();
    }
}
