package dev.assent.server.factor;

/**
 * What binds a factor to its device: a push device's public key, or a TOTP seed. Switch over it
 * without {@code default}, so a new kind breaks the build wherever it matters.
 */
public sealed interface FactorBinding permits PushBinding, TotpBinding {

    FactorType type();
}
