package dev.assent.server.config;

import dev.assent.server.push.PushConfig;
import dev.assent.server.webhook.WebhookSettings;
import dev.assent.server.worker.WorkerSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The tunable parts of a running server beyond where it listens and stores: how its background
 * workers pace themselves and where they send. One record, so {@code AssentServer.start} has one
 * shape however many settings are added; each part has its defaults and a {@code with…} copy.
 *
 * @param webhooks how webhook deliveries are paced and retried
 * @param push     where push notifications go and how the push worker paces itself
 * @param workers  how both delivery workers share their slots between accounts and treat failing peers
 */
public record ServerSettings(WebhookSettings webhooks, PushConfig push, WorkerSettings workers) {

    public static final ServerSettings DEFAULTS = new ServerSettings(WebhookSettings.DEFAULTS, PushConfig.DEFAULT,
            WorkerSettings.DEFAULTS);

    public ServerSettings {
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(push);
        Objects.requireNonNull(workers);
    }

    /**
     * The settings a production or dev start reads from its environment.
     *
     * @param dev whether this is {@code assent dev} (developer-friendly defaults)
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return DEFAULTS.withPush(PushConfig.fromEnvironment(env));
    }

    public ServerSettings withWebhooks(WebhookSettings value) {
        return new ServerSettings(value, push, workers);
    }

    public ServerSettings withPush(PushConfig value) {
        return new ServerSettings(webhooks, value, workers);
    }

    public ServerSettings withWorkers(WorkerSettings value) {
        return new ServerSettings(webhooks, push, value);
    }
}
