package dev.assent.server.webhook;

import dev.assent.server.account.Account;
import dev.assent.server.account.AccountService;
import dev.assent.server.api.Transactions;
import dev.assent.server.outbound.OutboundHttp;
import dev.assent.server.outbound.OutboundRequest;
import dev.assent.server.outbound.OutboundResult;
import dev.assent.server.worker.CircuitBreakers;
import dev.assent.server.worker.LeaseLoop;
import dev.assent.server.worker.LeasedJobs;
import dev.assent.server.worker.WorkerSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox on a {@link LeaseLoop}: leases due deliveries and POSTs each on a virtual
 * thread, at most {@code concurrency} at a time and at most {@link WorkerSettings#perAccount} for one
 * account. Nothing here runs on a request thread, so a slow or dead receiver never slows the API, and
 * one account's receivers never hold another account's slots. A receiver (host and port) that keeps
 * failing has its deliveries deferred by a circuit breaker for a cool-down.
 *
 * <p>At least once: a delivery is marked delivered only after a 2xx; a node that dies mid-delivery
 * leaves a lease that runs out, and any node then retries it. Receivers deduplicate with
 * {@code I-Twilio-Idempotency-Token}. The attempt is counted when the delivery is leased.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    private final DeliveryStore store;
    private final Transactions transactions;
    private final AccountService accounts;
    private final WebhookSettings settings;
    private final Clock clock;
    private final OutboundHttp http;
    private final CircuitBreakers breakers;
    private final LeaseLoop<Delivery> loop;
    private final WebhookMetrics metrics;

    /**
     * Outbox writes (leases, outcomes) run through {@code transactions}, so on SQLite they queue with
     * the API's writers instead of contending for the file lock. Deliveries go out through
     * {@code http}, the outbound policy; the dispatcher does not close it. {@code metrics} is told of
     * each attempt's outcome once it is recorded.
     */
    public WebhookDispatcher(DeliveryStore store, Transactions transactions, AccountService accounts, WebhookSettings settings,
            WorkerSettings workers, Clock clock, OutboundHttp http, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.transactions = transactions;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.breakers = new CircuitBreakers(workers.breakerFailures(), workers.breakerCoolDown(), clock);
        this.http = http;
        this.loop = new LeaseLoop<>("webhook-dispatcher", new Deliveries(), transactions, clock, settings.pollInterval(),
                settings.lease(), settings.concurrency(), workers.perAccount(), workers.stopGrace());
    }

    /** Whether its lease loop is running (for readiness). */
    public boolean alive() {
        return loop.alive();
    }

    public WebhookDispatcher start() {
        loop.start();
        return this;
    }

    /** Looks for due deliveries now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    /** The outbox as the lease loop sees it. */
    private final class Deliveries implements LeasedJobs<Delivery> {

        @Override
        public List<Delivery> due(Instant now, Set<String> fullAccounts, int limit) {
            return store.due(now, fullAccounts, limit);
        }

        @Override
        public Optional<Delivery> lease(Delivery candidate, Instant now, Instant until) {
            return store.lease(candidate.id(), now, until) ? store.find(candidate.id()) : Optional.empty();
        }

        @Override
        public String account(Delivery delivery) {
            return delivery.accountSid().value();
        }

        @Override
        public void run(Delivery delivery) {
            deliver(delivery);
        }

        @Override
        public void crashed(Delivery delivery, String reason) {
            record(delivery, Optional.of(reason), false);
        }
    }

    /** The circuit-breaker key of a delivery: its receiver's host and port. */
    static String receiver(Delivery delivery) {
        int port = delivery.url().getPort() != -1 ? delivery.url().getPort() : "https".equals(delivery.url().getScheme()) ? 443 : 80;
        return String.valueOf(delivery.url().getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    private void deliver(Delivery delivery) {
        if (delivery.attempts() > settings.maxAttempts()) {
            // Leased again and again without an outcome (each lease counts): give up unattempted.
            record(delivery, Optional.of(delivery.lastError().orElse("no outcome after " + settings.maxAttempts() + " attempts")), true);
            return;
        }
        Optional<Account> account = accounts.find(delivery.accountSid());
        if (account.isEmpty()) {
            record(delivery, Optional.of("account " + delivery.accountSid() + " no longer exists"), true);
            return;
        }
        if (!account.get().active()) {
            // Disabled after this lease was taken (the lease itself skips disabled accounts): hand it
            // back unattempted; it is leased again once the account is enabled.
            Instant now = clock.instant();
            transactions.run(() -> store.deferred(delivery.id(), now, now));
            return;
        }
        String receiver = receiver(delivery);
        if (!breakers.tryAcquire(receiver)) {
            defer(delivery, receiver);
            return;
        }
        Optional<String> outcome;
        try {
            outcome = attempt(delivery, account);
        } catch (RuntimeException | Error e) {
            breakers.failed(receiver);
            throw e;
        }
        if (outcome.isEmpty()) {
            breakers.succeeded(receiver);
        } else {
            breakers.failed(receiver);
        }
        record(delivery, outcome, false);
    }

    /** One signed POST; empty when delivered, else the error. */
    private Optional<String> attempt(Delivery delivery, Optional<Account> account) {
        String url = delivery.url().toString();
        String form = delivery.body().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        // The response body is never read: a receiver cannot hold the slot by trickling it, and the
        // outcome text is the status class or a coarse failure, never anything the peer sent.
        OutboundResult result = http.post(new OutboundRequest(delivery.url(), Map.of(
                "User-Agent", "Assent-Webhooks/1.0",
                SIGNATURE_HEADER, WebhookSignature.sign(account.get().authToken().reveal(), url, delivery.body()),
                IDEMPOTENCY_HEADER, delivery.eventId()),
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8),
                settings.connectTimeout().plus(settings.requestTimeout()), false));
        return result instanceof OutboundResult.Answered a && a.successful() ? Optional.empty() : Optional.of(result.summary());
    }

    private void defer(Delivery delivery, String receiver) {
        Instant now = clock.instant();
        transactions.run(() -> store.deferred(delivery.id(), now.plus(breakers.coolDown()), now));
        log.info("webhook {} delivery of {} {} deferred: receiver {} keeps failing", delivery.webhookSid(), delivery.eventType(),
                delivery.eventId(), receiver);
    }

    private void record(Delivery delivery, Optional<String> error, boolean giveUpNow) {
        if (loop.abandoned()) {
            return;
        }
        Instant now = clock.instant();
        try {
            if (error.isEmpty()) {
                transactions.run(() -> store.delivered(delivery.id(), now));
                metrics.delivery(WebhookMetrics.Result.DELIVERED);
                log.debug("webhook {} delivered {} {}", delivery.webhookSid(), delivery.eventType(), delivery.eventId());
                return;
            }
            int attempts = delivery.attempts();
            boolean giveUp = giveUpNow || attempts >= settings.maxAttempts()
                    || !now.isBefore(delivery.dateCreated().plus(settings.maxAge()));
            transactions.run(() -> store.failed(delivery.id(), error.get(), now.plus(settings.backoff(attempts)), giveUp, now));
            metrics.delivery(giveUp ? WebhookMetrics.Result.GAVE_UP : WebhookMetrics.Result.FAILED);
            log.warn("webhook {} delivery of {} {} failed (attempt {}{}): {}", delivery.webhookSid(), delivery.eventType(),
                    delivery.eventId(), attempts, giveUp ? ", giving up" : "", error.get());
        } catch (RuntimeException e) {
            log.warn("could not record the outcome of webhook delivery {}: {}", delivery.id(), e.toString());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Stops leasing and gives deliveries in flight the stop grace to end; the rest are abandoned (their
     * leases run out; they are retried). Never interrupts.
     */
    @Override
    public void close() {
        // The outbound client has a deadline on every call and is closed by the server after the workers.
        loop.close();
    }
}
