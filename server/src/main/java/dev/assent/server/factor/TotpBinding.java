package dev.assent.server.factor;

import dev.assent.server.totp.TotpParameters;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A TOTP factor's binding: its seed, its parameters, and the time-step counter of the last code
 * it accepted (a code is never accepted twice: RFC 6238 §5.2).
 */
public record TotpBinding(TotpSecret secret, TotpParameters parameters, OptionalLong lastAcceptedCounter)
        implements FactorBinding {

    public TotpBinding {
        Objects.requireNonNull(secret);
        Objects.requireNonNull(parameters);
        Objects.requireNonNull(lastAcceptedCounter);
    }

    @Override
    public FactorType type() {
        return FactorType.TOTP;
    }
}
