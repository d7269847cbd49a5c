package dev.assent.server.config;

import dev.assent.server.challenge.TotpLockout;
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
 * @param totpLockout when wrong TOTP codes in a row lock a factor's challenges (ASSENT_LIMIT_TOTP_LOCKOUT)
 */
public record ServerSettings(WebhookSettings webhooks, PushConfig push, TotpLockout totpLockout) {

    public static final ServerSettings DEFAULTS = new ServerSettings(WebhookSettings.DEFAULTS, PushConfig.DEFAULT,
            TotpLockout.DEFAULT);

    public ServerSettings {
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(push);
        Objects.requireNonNull(totpLockout);
    }

    /**
     * The settings a production or dev start reads from its environment.
     *
     * @param dev whether this is {@code assent dev} (developer-friendly defaults)
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return DEFAULTS.withPush(PushConfig.fromEnvironment(env)).withTotpLockout(TotpLockout.fromEnvironment(env));
    }

    public ServerSettings withWebhooks(WebhookSettings value) {
        return new ServerSettings(value, push, totpLockout);
    }

    public ServerSettings withPush(PushConfig value) {
        return new ServerSettings(webhooks, value, totpLockout);
    }

    public ServerSettings withTotpLockout(TotpLockout value) {
        return new ServerSettings(webhooks, push, value);
    }
}
