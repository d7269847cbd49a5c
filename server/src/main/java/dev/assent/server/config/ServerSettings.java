package dev.assent.server.config;

import dev.assent.server.http.ConnectionLimits;
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
 * @param http     how many connections and requests the HTTP listener takes, and how long it waits
 */
public record ServerSettings(WebhookSettings webhooks, PushConfig push, ConnectionLimits http) {

    public static final ServerSettings DEFAULTS = new ServerSettings(WebhookSettings.DEFAULTS, PushConfig.DEFAULT,
            ConnectionLimits.DEFAULTS);

    public ServerSettings {
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(push);
        Objects.requireNonNull(http);
    }

    /**
     * The settings a production or dev start reads from its environment.
     *
     * @param dev whether this is {@code assent dev} (developer-friendly defaults)
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return DEFAULTS.withPush(PushConfig.fromEnvironment(env)).withHttp(ConnectionLimits.fromEnvironment(env));
    }

    public ServerSettings withWebhooks(WebhookSettings value) {
        return new ServerSettings(value, push, http);
    }

    public ServerSettings withPush(PushConfig value) {
        return new ServerSettings(webhooks, value, http);
    }

    public ServerSettings withHttp(ConnectionLimits value) {
        return new ServerSettings(webhooks, push, value);
    }
}
