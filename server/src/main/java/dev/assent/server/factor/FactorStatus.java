package dev.assent.server.factor;

import dev.assent.server.api.WireValue;

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
}
