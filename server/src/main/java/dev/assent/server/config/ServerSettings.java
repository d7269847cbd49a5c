package dev.assent.server.config;

import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.factor.FactorLimits;
import dev.assent.server.push.PushConfig;
import dev.assent.server.webhook.WebhookSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The tunable parts of a running server beyond where it listens and stores: how its background
 * workers pace themselves and where they send. One record, so {@code AssentServer.start} has one
 * shape however many settings are added; each part has its defaults and a {@code with…} copy.
 *
 * @param webhooks how webhook deliveries are paced and retried
 * @param push     where push notifications go and how the push worker paces itself
 * @param challengeLimits how many challenges a factor may have created and pending
 * @param factorLimits    how many factors an entity may create
 */
public record ServerSettings(WebhookSettings webhooks, PushConfig push, ChallengeLimits challengeLimits, FactorLimits factorLimits) {

    public static final ServerSettings DEFAULTS = new ServerSettings(WebhookSettings.DEFAULTS, PushConfig.DEFAULT,
            ChallengeLimits.DEFAULTS, FactorLimits.DEFAULTS);

    public ServerSettings {
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(push);
        Objects.requireNonNull(challengeLimits);
        Objects.requireNonNull(factorLimits);
    }

    /**
     * The settings a production or dev start reads from its environment.
     *
     * @param dev whether this is {@code assent dev} (developer-friendly defaults)
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return DEFAULTS.withPush(PushConfig.fromEnvironment(env))
                .withChallengeLimits(ChallengeLimits.fromEnvironment(env))
                .withFactorLimits(FactorLimits.fromEnvironment(env));
    }

    public ServerSettings withWebhooks(WebhookSettings value) {
        return new ServerSettings(value, push, challengeLimits, factorLimits);
    }

    public ServerSettings withPush(PushConfig value) {
        return new ServerSettings(webhooks, value, challengeLimits, factorLimits);
    }

    public ServerSettings withChallengeLimits(ChallengeLimits value) {
        return new ServerSettings(webhooks, push, value, factorLimits);
    }

    public ServerSettings withFactorLimits(FactorLimits value) {
        return new ServerSettings(webhooks, push, challengeLimits, value);
    }
}
