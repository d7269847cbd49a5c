package dev.assent.server.factor;

import dev.assent.server.api.WireValue;
import java.util.Optional;

/** A factor's status: it starts {@code UNVERIFIED} and becomes {@code VERIFIED} once, by proof of possession. */
public enum FactorStatus implements WireValue {
    UNVERIFIED("unverified"), VERIFIED("verified");

    private final String wireName;

    FactorStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The status spelled {@code value} on the wire; empty for anything else. */
    public static Optional<FactorStatus> fromWire(String value) {
        return WireValue.fromWire(values(), value);
    }
}
