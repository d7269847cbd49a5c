package dev.assent.server.factor;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/** The kinds of factor Assent supports. */
public enum FactorType implements WireValue {
    PUSH("push"), TOTP("totp"), PASSKEYS("passkeys");

    private final String wireName;

    FactorType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The type spelled {@code value} on the wire ({@code push}, {@code totp}, {@code passkeys}); empty for anything else. */
    public static Optional<FactorType> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
