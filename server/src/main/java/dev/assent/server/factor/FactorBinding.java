package dev.assent.server.factor;

/**
 * What binds a factor to its device: a push device's public key, a TOTP seed, or a
 * WebAuthn credential (passkeys). Switch over it
 * without {@code default}, so a new kind breaks the build wherever it matters.
 */
public sealed interface FactorBinding permits PushBinding, TotpBinding, PasskeyBinding {

    FactorType type();
}
