package dev.assent.server.factor;

import java.time.Instant;
import java.util.Optional;

/**
 * A TOTP factor's record of wrong codes across its challenges, which the TOTP lockout reads.
 *
 * @param consecutiveFailures codes counted since the last success or lockout, the current guess included
 * @param lockouts            lockouts since the last success (each one doubles the next)
 * @param lockedUntil         when the current lockout ends, if one was ever set
 */
public record TotpGuesses(int consecutiveFailures, int lockouts, Optional<Instant> lockedUntil) {
}
