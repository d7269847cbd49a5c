package dev.assent.server.factor;

/** A factor's status: it starts {@code UNVERIFIED} and becomes {@code VERIFIED} once, by proof of possession. */
public enum FactorStatus {
    UNVERIFIED, VERIFIED
}
