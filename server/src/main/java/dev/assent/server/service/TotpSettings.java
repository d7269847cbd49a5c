package dev.assent.server.service;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service's TOTP defaults. Unset values stay unset (the API renders them as {@code null}, as
 * Twilio does); factors then fall back to the RFC defaults in {@code TotpParameters}.
 */
public record TotpSettings(Optional<String> issuer, OptionalInt timeStep, OptionalInt codeLength, OptionalInt skew) {
    public static final TotpSettings DEFAULT =
            new TotpSettings(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
}
