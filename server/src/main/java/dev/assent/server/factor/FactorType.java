package dev.assent.server.factor;

/** The kinds of factor Assent supports. */
public enum FactorType {
    PUSH, TOTP
}
