package dev.assent.server.metrics;

import com.eatthepath.pushy.apns.ApnsClientMetricsListener;
import com.eatthepath.pushy.apns.metrics.micrometer.MicrometerApnsClientMetricsListener;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.assent.server.api.WireValue;
import dev.assent.server.challenge.ChallengeMetrics;
import dev.assent.server.credential.Credential;
import dev.assent.server.factor.FactorMetrics;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.http.HttpMetrics;
import dev.assent.server.push.PushMessage;
import dev.assent.server.push.PushResult;
import dev.assent.server.push.PushSender;
import dev.assent.server.push.PushTransportException;
import dev.assent.server.storage.Database;
import dev.assent.server.webhook.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every meter of a running server, in one Prometheus registry, scraped by {@code GET /metrics}. The
 * features report through interfaces they own ({@link ChallengeMetrics}, {@link FactorMetrics},
 * {@link WebhookMetrics}) and the edge through {@link HttpMetrics}; push sends are counted by
 * wrapping each {@link PushSender}. Only this package knows Micrometer.
 *
 * <p>No label names a tenant or a user: labels are route templates, methods, statuses, factor types,
 * platforms and fixed outcome words, so the number of series is bounded whatever clients send.
 * README "Operating Assent / Metrics" lists every meter.
 */
public final class AssentMetrics implements ChallengeMetrics, FactorMetrics, WebhookMetrics, HttpMetrics, AutoCloseable {

    /** Latency buckets of the request timer (seconds), few enough for one series set per route. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** How long an outbox reading is reused: a scrape every few seconds costs one query per outbox at most this often. */
    public static final Duration OUTBOX_CACHE = Duration.ofSeconds(5);

    /** What a push send ended with, as the counter's {@code result} label. */
    public enum PushSend {
        ACCEPTED, REJECTED, UNREGISTERED, ERROR
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Meter.MeterProvider<Timer> requests;
    private final Map<FactorType, Counter> created = new EnumMap<>(FactorType.class);
    private final Map<FactorType, Map<ChallengeMetrics.Outcome, Counter>> outcomes = new EnumMap<>(FactorType.class);
    private final Map<FactorType, Map<FactorMetrics.Result, Counter>> verifications = new EnumMap<>(FactorType.class);
    private final Map<WebhookMetrics.Result, Counter> deliveries = new EnumMap<>(WebhookMetrics.Result.class);
    private final Map<NotificationPlatform, Map<PushSend, Counter>> pushSends = new EnumMap<>(NotificationPlatform.class);
    private final ApnsClientMetricsListener apns;

    public AssentMetrics() {
        // Pushy names its meters without a prefix ("notifications.sent"): under assent_apns_ here.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String renamed = APNS_NAMES.get(id.getName());
                return renamed == null ? id : id.withName(renamed);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        requests = Timer.builder("assent.http.server.requests")
                .description("HTTP requests answered, by method, route template and status")
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .withRegistry(registry);
        // Every series of the domain counters exists from the start (at 0), so rate() and increase()
        // see their first event.
        for (FactorType type : FactorType.values()) {
            created.put(type, Counter.builder("assent.challenge.creations")
                    .description("Challenges created, by factor type")
                    .tag("factor_type", label(type)).register(registry));
            Map<ChallengeMetrics.Outcome, Counter> byOutcome = new EnumMap<>(ChallengeMetrics.Outcome.class);
            for (ChallengeMetrics.Outcome outcome : ChallengeMetrics.Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("assent.challenge.outcomes")
                        .description("Challenge outcomes: approved, denied, expired, a wrong TOTP code, or refused by a limit")
                        .tag("factor_type", label(type)).tag("outcome", label(outcome)).register(registry));
            }
            outcomes.put(type, byOutcome);
            Map<FactorMetrics.Result, Counter> byResult = new EnumMap<>(FactorMetrics.Result.class);
            for (FactorMetrics.Result result : FactorMetrics.Result.values()) {
                byResult.put(result, Counter.builder("assent.factor.verifications")
                        .description("Verification attempts on unverified factors, by factor type and result")
                        .tag("factor_type", label(type)).tag("result", label(result)).register(registry));
            }
            verifications.put(type, byResult);
        }
        for (WebhookMetrics.Result result : WebhookMetrics.Result.values()) {
            deliveries.put(result, Counter.builder("assent.webhook.deliveries")
                    .description("Webhook delivery attempts, by recorded result")
                    .tag("result", label(result)).register(registry));
        }
        for (NotificationPlatform platform : new NotificationPlatform[] {NotificationPlatform.APN, NotificationPlatform.FCM}) {
            Map<PushSend, Counter> byResult = new EnumMap<>(PushSend.class);
            for (PushSend result : PushSend.values()) {
                byResult.put(result, Counter.builder("assent.push.sends")
                        .description("Push sends to a provider, by platform and result (error: transport or transient failure)")
                        .tag("platform", label(platform)).tag("result", label(result)).register(registry));
            }
            pushSends.put(platform, byResult);
        }
        apns = new MicrometerApnsClientMetricsListener(registry);
    }

    /** Pushy's meter names, and the names they are exposed under. */
    private static final Map<String, String> APNS_NAMES = Map.of(
            MicrometerApnsClientMetricsListener.SENT_NOTIFICATIONS_COUNTER_NAME, "assent.apns.notifications.sent",
            MicrometerApnsClientMetricsListener.ACCEPTED_NOTIFICATIONS_COUNTER_NAME, "assent.apns.notifications.accepted",
            MicrometerApnsClientMetricsListener.REJECTED_NOTIFICATIONS_COUNTER_NAME, "assent.apns.notifications.rejected",
            MicrometerApnsClientMetricsListener.WRITE_FAILURES_COUNTER_NAME, "assent.apns.notifications.failed",
            MicrometerApnsClientMetricsListener.NOTIFICATION_TIMER_NAME, "assent.apns.notification.duration",
            MicrometerApnsClientMetricsListener.OPEN_CONNECTIONS_GAUGE_NAME, "assent.apns.connections.open",
            MicrometerApnsClientMetricsListener.CONNECTION_FAILURES_COUNTER_NAME, "assent.apns.connections.failed");

    /** The listener every APNs client reports its sends and connections to (Pushy's Micrometer listener). */
    public ApnsClientMetricsListener apnsListener() {
        return apns;
    }

    /** Reports the database's connection pool through HikariCP's Micrometer tracker ({@code hikaricp_…}). */
    public void trackPool(Database database) {
        database.trackPool(new MicrometerMetricsTrackerFactory(registry));
    }

    /**
     * Gauges of both outboxes' depth and the age of their oldest due row, read through {@code probe}
     * at scrape time, at most once per {@link #OUTBOX_CACHE} per outbox; {@code clock} says what is due.
     */
    public void watchOutboxes(OutboxProbe probe, Clock clock) {
        for (OutboxProbe.Outbox outbox : OutboxProbe.Outbox.values()) {
            OutboxGauge gauge = new OutboxGauge(probe, outbox, clock, OUTBOX_CACHE);
            Gauge.builder("assent.outbox.depth", gauge, OutboxGauge::pending)
                    .description("Rows waiting in a durable outbox (due now or retrying later)")
                    .tag("outbox", label(outbox)).strongReference(true).register(registry);
            Gauge.builder("assent.outbox.oldest.due.age", gauge, OutboxGauge::oldestDueAgeSeconds)
                    .description("How long the oldest due row of an outbox has been due; 0 when none is")
                    .baseUnit("seconds").tag("outbox", label(outbox)).strongReference(true).register(registry);
        }
    }

    /** {@code sender}, with each send counted under {@code platform}. */
    public PushSender counted(PushSender sender, NotificationPlatform platform) {
        Map<PushSend, Counter> counters = pushSends.get(platform);
        if (counters == null) {
            throw new IllegalArgumentException("no push sender for platform " + platform);
        }
        return new PushSender() {
            @Override
            public PushResult send(Credential credential, PushMessage message) throws PushTransportException {
                PushResult result;
                try {
                    result = sender.send(credential, message);
                } catch (PushTransportException | RuntimeException e) {
                    counters.get(PushSend.ERROR).increment();
                    throw e;
                }
                counters.get(switch (result) {
                    case PushResult.Accepted a -> PushSend.ACCEPTED;
                    case PushResult.Rejected r -> PushSend.REJECTED;
                    case PushResult.Unregistered u -> PushSend.UNREGISTERED;
                }).increment();
                return result;
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    @Override
    public void created(FactorType factorType) {
        created.get(factorType).increment();
    }

    @Override
    public void outcome(FactorType factorType, ChallengeMetrics.Outcome outcome) {
        outcomes.get(factorType).get(outcome).increment();
    }

    @Override
    public void verification(FactorType factorType, FactorMetrics.Result result) {
        verifications.get(factorType).get(result).increment();
    }

    @Override
    public void delivery(WebhookMetrics.Result result) {
        deliveries.get(result).increment();
    }

    @Override
    public void request(String method, String route, int status, long nanos) {
        requests.withTags("method", method, "route", route, "status", Integer.toString(status)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The current values, in the Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** A label value: an API enum's wire name (push, apn, ...); a metrics-only enum's name in lower case. */
    static String label(Enum<?> value) {
        return value instanceof WireValue wire ? wire.wireName() : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
