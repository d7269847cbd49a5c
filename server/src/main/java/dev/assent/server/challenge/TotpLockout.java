package dev.assent.server.challenge;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The TOTP lockout: after {@code threshold} wrong codes in a row across the challenges of one factor,
 * answers to any of its challenges are refused for {@code firstLockout}, doubling with each further
 * lockout up to {@code maxLockout}; a right code forgets both. Twilio has no such limit: its only
 * one is five wrong codes per challenge, which a new challenge resets.
 *
 * @param threshold    wrong codes in a row that lock the factor; 0 turns the lockout off
 *                     (ASSENT_LIMIT_TOTP_LOCKOUT: a number, or {@code off})
 * @param firstLockout how long the first lockout lasts
 * @param maxLockout   the longest lockout, however many came before
 */
public record TotpLockout(int threshold, Duration firstLockout, Duration maxLockout) {

    public static final String VARIABLE = "ASSENT_LIMIT_TOTP_LOCKOUT";
    /** Above one challenge's five attempts, so exhausting a single challenge never also locks its factor. */
    public static final int DEFAULT_THRESHOLD = 10;
    public static final int MAX_THRESHOLD = 1000;
    public static final Duration DEFAULT_FIRST_LOCKOUT = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MAX_LOCKOUT = Duration.ofHours(1);

    public static final TotpLockout DEFAULT = new TotpLockout(DEFAULT_THRESHOLD, DEFAULT_FIRST_LOCKOUT, DEFAULT_MAX_LOCKOUT);
    public static final TotpLockout OFF = new TotpLockout(0, DEFAULT_FIRST_LOCKOUT, DEFAULT_MAX_LOCKOUT);

    public TotpLockout {
        if (threshold < 0 || threshold > MAX_THRESHOLD) {
            throw new IllegalArgumentException("TOTP lockout threshold must be 0 (off) to " + MAX_THRESHOLD + ", not " + threshold);
        }
        Objects.requireNonNull(firstLockout);
        Objects.requireNonNull(maxLockout);
        if (firstLockout.isNegative() || firstLockout.isZero() || maxLockout.compareTo(firstLockout) < 0) {
            throw new IllegalArgumentException("TOTP lockout durations must be positive, the first at most the longest");
        }
    }

    /** Reads {@value #VARIABLE}: unset means {@value #DEFAULT_THRESHOLD}, {@code off} turns it off. */
    public static TotpLockout fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static TotpLockout from(ConfigSource config) {
        if (config.string(ConfigKey.LIMIT_TOTP_LOCKOUT).filter(v -> v.equalsIgnoreCase("off")).isPresent()) {
            return OFF;
        }
        return config.optionalInteger(ConfigKey.LIMIT_TOTP_LOCKOUT, 1, MAX_THRESHOLD)
                .stream().mapToObj(threshold -> new TotpLockout(threshold, DEFAULT_FIRST_LOCKOUT, DEFAULT_MAX_LOCKOUT))
                .findFirst().orElse(DEFAULT);
    }

    public boolean enabled() {
        return threshold > 0;
    }

    /** How long the lockout lasts that follows {@code earlierLockouts} others since the last right code. */
    public Duration duration(int earlierLockouts) {
        Duration length = firstLockout;
        for (int i = 0; i < earlierLockouts && length.compareTo(maxLockout) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(maxLockout) > 0 ? maxLockout : length;
    }
}
