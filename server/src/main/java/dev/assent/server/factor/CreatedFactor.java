package dev.assent.server.factor;

import java.util.Optional;

/** A newly created factor with what only the creation response shows: a TOTP factor's otpauth URI. */
public record CreatedFactor(Factor factor, Optional<String> totpUri) {
}
