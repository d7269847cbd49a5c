package dev.assent.server.api;

import java.util.Optional;

/**
 * A constant that crosses the API: it owns its one wire spelling, Twilio's lowercase value
 * ({@code push}, {@code apn}, {@code sha256}), as Pushy's {@code RejectionReason} pairs each constant
 * with its text. Each such enum has {@code wireName()} and a {@code static fromWire(String)} built on
 * {@link #fromWire(WireValue[], String)}, so no code converts a constant's name by changing its case.
 */
public interface WireValue {

    /** The value Twilio's API accepts and returns. */
    String wireName();

    /** The constant among {@code values} spelled exactly {@code text} on the wire; empty for anything else, {@code null} too. */
    static <E extends WireValue> Optional<E> fromWire(E[] values, String text) {
        for (E value : values) {
            if (value.wireName().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The wire spellings of {@code values} as a sentence's list: {@code apn, fcm or none}. */
    static String describe(WireValue[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(i == values.length - 1 ? " or " : ", ");
            }
            text.append(values[i].wireName());
        }
        return text.toString();
    }
}
