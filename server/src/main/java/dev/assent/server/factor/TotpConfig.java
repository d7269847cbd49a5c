package dev.assent.server.factor;

import dev.assent.server.totp.TotpAlgorithm;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * TOTP settings a request asks for, each within {@link dev.assent.server.totp.TotpParameters}' ranges
 * (checked at the edge); an absent one falls back to the factor's current value, then the service's,
 * then the RFC default.
 */
public record TotpConfig(Optional<TotpAlgorithm> algorithm, OptionalInt codeLength, OptionalInt timeStepSeconds, OptionalInt skew) {
}
