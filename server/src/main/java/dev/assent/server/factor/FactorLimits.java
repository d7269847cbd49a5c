package dev.assent.server.factor;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import dev.assent.server.api.RateLimit;
import java.util.List;
import java.util.Map;

/**
 * How many factors an entity may create: Twilio's error 60326
 * (https://www.twilio.com/docs/api/errors/60326, more than 100 a day). Set by
 * {@value #CREATION_VARIABLE}; {@code off} turns it off.
 *
 * @param creation creations per entity (service and identity) in sliding windows; all must admit one
 */
public record FactorLimits(List<RateLimit> creation) {

    public static final String CREATION_VARIABLE = "ASSENT_LIMIT_FACTOR_CREATION";
    /** Twilio: at most 100 factor creations per entity per day. */
    public static final String DEFAULT_CREATION = "100/24h";

    public static final FactorLimits DEFAULTS = fromEnvironment(Map.of());
    public static final FactorLimits OFF = new FactorLimits(List.of());

    public FactorLimits {
        creation = List.copyOf(creation);
    }

    /** Reads {@value #CREATION_VARIABLE}; absent takes the default, a bad value throws naming it and the value. */
    public static FactorLimits fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static FactorLimits from(ConfigSource config) {
        return new FactorLimits(RateLimit.parseAll(CREATION_VARIABLE, config.raw(ConfigKey.LIMIT_FACTOR_CREATION).orElse(DEFAULT_CREATION)));
    }
}
