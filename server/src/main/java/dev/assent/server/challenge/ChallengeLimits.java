package dev.assent.server.challenge;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import dev.assent.server.api.RateLimit;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.factor.TotpBinding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How many challenges a factor may have: Twilio's creation limits (error 60312,
 * https://www.twilio.com/docs/api/errors/60312) and Assent's cap on pending push challenges
 * (push fatigue). Each is set by one environment variable; {@code off} turns it off.
 *
 * @param creation          creations per factor in sliding windows, for push factors and TOTP
 *                          factors with codes of at least {@value #SHORT_CODE_MAX_LENGTH}+1 digits
 * @param shortCodeCreation creations per factor for TOTP codes of at most {@value #SHORT_CODE_MAX_LENGTH}
 *                          digits, which are cheaper to guess
 * @param pendingPush       pending push challenges a factor may have at once; empty for no cap
 */
public record ChallengeLimits(List<RateLimit> creation, List<RateLimit> shortCodeCreation, OptionalInt pendingPush) {

    public static final String CREATION_VARIABLE = "ASSENT_LIMIT_CHALLENGE_CREATION";
    public static final String SHORT_CODE_CREATION_VARIABLE = "ASSENT_LIMIT_CHALLENGE_CREATION_SHORT_CODES";
    public static final String PENDING_PUSH_VARIABLE = "ASSENT_LIMIT_PENDING_PUSH_CHALLENGES";

    /** Twilio: codes of at most 4 digits get the short-code limit, 5 or more the other. */
    public static final int SHORT_CODE_MAX_LENGTH = 4;
    /** Twilio's limit for codes of 5 or more digits: 50 per hour and 100 per 24 hours. */
    public static final String DEFAULT_CREATION = "50/1h,100/24h";
    /** Twilio's limit for codes of at most 4 digits: 10 per 24 hours. */
    public static final String DEFAULT_SHORT_CODE_CREATION = "10/24h";
    /** Ten pending pushes on one phone: more than any flow that works on Twilio leaves open. */
    public static final String DEFAULT_PENDING_PUSH = "10";

    public static final ChallengeLimits DEFAULTS = fromEnvironment(Map.of());
    public static final ChallengeLimits OFF = new ChallengeLimits(List.of(), List.of(), OptionalInt.empty());

    public ChallengeLimits {
        creation = List.copyOf(creation);
        shortCodeCreation = List.copyOf(shortCodeCreation);
        Objects.requireNonNull(pendingPush);
        if (pendingPush.isPresent() && pendingPush.getAsInt() < 1) {
            throw new IllegalArgumentException("a pending push cap is at least 1, not " + pendingPush.getAsInt());
        }
    }

    /** Reads the three variables; an absent one takes its default, a bad one throws naming it and its value. */
    public static ChallengeLimits fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static ChallengeLimits from(ConfigSource config) {
        return new ChallengeLimits(
                RateLimit.parseAll(CREATION_VARIABLE, config.raw(ConfigKey.LIMIT_CHALLENGE_CREATION).orElse(DEFAULT_CREATION)),
                RateLimit.parseAll(SHORT_CODE_CREATION_VARIABLE,
                        config.raw(ConfigKey.LIMIT_CHALLENGE_CREATION_SHORT_CODES).orElse(DEFAULT_SHORT_CODE_CREATION)),
                RateLimit.parseCount(PENDING_PUSH_VARIABLE, config.raw(ConfigKey.LIMIT_PENDING_PUSH_CHALLENGES).orElse(DEFAULT_PENDING_PUSH)));
    }

    /** The creation limits that apply to {@code factor}: all of them must admit a new challenge. */
    public List<RateLimit> creationLimitsFor(Factor factor) {
        return switch (factor.binding()) {
            case TotpBinding totp -> totp.parameters().codeLength() <= SHORT_CODE_MAX_LENGTH ? shortCodeCreation : creation;
            // Push has no code to guess; Twilio documents no push figure, so the general rule applies.
            case PushBinding push -> creation;
            // Nothing to guess either: a passkey answers with a signature.
            case PasskeyBinding passkey -> creation;
        };
    }
}
