package dev.assent.server.config;

import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.challenge.TotpLockout;
import dev.assent.server.factor.FactorLimits;
import dev.assent.server.http.ConnectionLimits;
import dev.assent.server.outbound.OutboundSettings;
import dev.assent.server.passkey.PasskeyTimeouts;
import dev.assent.server.push.PushConfig;
import dev.assent.server.retention.RetentionSettings;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.tls.TlsSettings;
import dev.assent.server.webhook.WebhookSettings;
import dev.assent.server.worker.WorkerSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The tunable parts of a running server beyond where it listens and stores: how its background
 * workers pace themselves and where they send, and the limits it enforces. One record, so
 * {@code AssentServer.start} has one shape however many settings are added; each part has its
 * defaults and a {@code with…} copy.
 *
 * @param webhooks        how webhook deliveries are paced and retried
 * @param push            where push notifications go and how the push worker paces itself
 * @param workers         how both delivery workers share their slots between accounts and treat failing peers
 * @param outbound        what outbound calls (webhooks, FCM) may reach besides public https
 * @param totpLockout     how consecutive wrong TOTP codes lock a factor (ASSENT_LIMIT_TOTP_LOCKOUT)
 * @param retention       how long finished rows are kept before the retention job deletes them
 * @param challengeLimits how many challenges a factor may have created and pending
 * @param factorLimits    how many factors an entity may create
 * @param http            how many connections and requests the HTTP listener takes, and how long it waits
 * @param encryption      the keys that seal every stored secret; {@link EncryptionKeys#NONE} in {@link #DEFAULTS},
 *                        on which {@code AssentServer.start} refuses to start
 * @param process         how the process logs (text or JSON) and how long a stop waits for work in flight
 * @param tls             the listener's certificate and key files (ASSENT_TLS_CERT, ASSENT_TLS_KEY); none is plain HTTP
 * @param management      where {@code /metrics} and the health probes are served (ASSENT_MANAGEMENT_PORT)
 * @param passkeys        how long passkeys logins and registrations stay open (ASSENT_PASSKEY_*_TTL)
 */
public record ServerSettings(
        WebhookSettings webhooks,
        PushConfig push,
        WorkerSettings workers,
        OutboundSettings outbound,
        TotpLockout totpLockout,
        RetentionSettings retention,
        ChallengeLimits challengeLimits,
        FactorLimits factorLimits,
        ConnectionLimits http,
        EncryptionKeys encryption,
        ProcessSettings process,
        TlsSettings tls,
        ManagementSettings management,
        PasskeyTimeouts passkeys) {

    /**
     * The defaults of {@code serve}, including its strict outbound policy (public https only): a test
     * whose peers are on loopback allows them explicitly with {@link #withOutbound}. No encryption
     * keys: a production default never carries a key, so every start names its own.
     */
    public static final ServerSettings DEFAULTS = new ServerSettings(
            WebhookSettings.DEFAULTS,
            PushConfig.DEFAULT,
            WorkerSettings.DEFAULTS,
            OutboundSettings.STRICT,
            TotpLockout.DEFAULT,
            RetentionSettings.DEFAULTS,
            ChallengeLimits.DEFAULTS,
            FactorLimits.DEFAULTS,
            ConnectionLimits.DEFAULTS,
            EncryptionKeys.NONE,
            ProcessSettings.DEFAULTS,
            TlsSettings.NONE,
            ManagementSettings.DEFAULTS,
            PasskeyTimeouts.DEFAULTS);

    public ServerSettings {
        Objects.requireNonNull(webhooks);
        Objects.requireNonNull(push);
        Objects.requireNonNull(workers);
        Objects.requireNonNull(outbound);
        Objects.requireNonNull(totpLockout);
        Objects.requireNonNull(retention);
        Objects.requireNonNull(challengeLimits);
        Objects.requireNonNull(factorLimits);
        Objects.requireNonNull(http);
        Objects.requireNonNull(encryption);
        Objects.requireNonNull(process);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(management);
        Objects.requireNonNull(passkeys);
    }

    /**
     * The settings a production or dev start reads from its environment; the encryption keys are
     * {@code ASSENT_ENCRYPTION_KEYS} or {@code ASSENT_ENCRYPTION_KEY_FILE}, or none ({@code dev} then
     * uses its data directory's key file).
     *
     * @param dev whether this is {@code assent dev} (developer-friendly defaults)
     */
    public static ServerSettings fromEnvironment(Map<String, String> env, boolean dev) {
        return from(ConfigSource.of(env), dev);
    }

    /** Every component from the loaded configuration, each variable read once by its {@link ConfigKey}. */
    public static ServerSettings from(ConfigSource config, boolean dev) {
        return DEFAULTS
                .withPush(PushConfig.from(config))
                .withOutbound(OutboundSettings.from(config, dev))
                .withTotpLockout(TotpLockout.from(config))
                .withRetention(RetentionSettings.from(config))
                .withChallengeLimits(ChallengeLimits.from(config))
                .withFactorLimits(FactorLimits.from(config))
                .withHttp(ConnectionLimits.from(config))
                .withEncryption(EncryptionKeys.from(config).orElse(EncryptionKeys.NONE))
                .withProcessAndItsGrace(ProcessSettings.from(config))
                .withTls(TlsSettings.from(config))
                .withManagement(ManagementSettings.from(config))
                .withPasskeys(PasskeyTimeouts.from(config));
    }

    public ServerSettings withWebhooks(WebhookSettings value) {
        return new ServerSettings(value, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withPush(PushConfig value) {
        return new ServerSettings(webhooks, value, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withWorkers(WorkerSettings value) {
        return new ServerSettings(webhooks, push, value, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withOutbound(OutboundSettings value) {
        return new ServerSettings(webhooks, push, workers, value, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withTotpLockout(TotpLockout value) {
        return new ServerSettings(webhooks, push, workers, outbound, value, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withRetention(RetentionSettings value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, value,
                challengeLimits, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withChallengeLimits(ChallengeLimits value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                value, factorLimits, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withFactorLimits(FactorLimits value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, value, http, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withHttp(ConnectionLimits value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, value, encryption, process, tls, management, passkeys);
    }

    public ServerSettings withEncryption(EncryptionKeys value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, value, process, tls, management, passkeys);
    }

    public ServerSettings withProcess(ProcessSettings value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, value, tls, management, passkeys);
    }

    /** The process settings, and their shutdown grace as the workers' stop grace: one grace for the whole stop. */
    public ServerSettings withProcessAndItsGrace(ProcessSettings value) {
        return withProcess(value).withWorkers(workers.withStopGrace(value.shutdownGrace()));
    }

    public ServerSettings withTls(TlsSettings value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, value, management, passkeys);
    }

    public ServerSettings withManagement(ManagementSettings value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, value, passkeys);
    }

    public ServerSettings withPasskeys(PasskeyTimeouts value) {
        return new ServerSettings(webhooks, push, workers, outbound, totpLockout, retention,
                challengeLimits, factorLimits, http, encryption, process, tls, management, value);
    }
}
