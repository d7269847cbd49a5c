package dev.assent.server.webhook;

import dev.assent.server.account.Account;
import dev.assent.server.account.AccountService;
import dev.assent.server.api.Transactions;
import dev.assent.server.challenge.ChallengeExpirySweep;
import dev.assent.server.outbound.OutboundHttp;
import dev.assent.server.outbound.OutboundRequest;
import dev.assent.server.outbound.OutboundResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: a background loop that, every poll interval, emits newly due expiry events,
 * then leases due deliveries and POSTs each on a virtual thread, at most {@code concurrency} at a
 * time. Nothing here runs on a request thread, so a slow or dead receiver never slows the API.
 *
 * <p>At least once: a delivery is marked delivered only after a 2xx; a node that dies mid-delivery
 * leaves a lease that runs out, and any node then retries it. Receivers deduplicate with
 * {@code I-Twilio-Idempotency-Token}.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    private final DeliveryStore store;
    private final Transactions transactions;
    private final ChallengeExpirySweep expirySweep;
    private final AccountService accounts;
    private final WebhookSettings settings;
    private final Clock clock;
    private final OutboundHttp http;
    private final Semaphore inFlight;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread loop;

    /**
     * Outbox writes (leases, outcomes) run through {@code transactions}, so on SQLite they queue with
     * the API's writers instead of contending for the file lock. Deliveries go out through
     * {@code http}, the outbound policy; the dispatcher does not close it.
     */
    public WebhookDispatcher(DeliveryStore store, Transactions transactions, ChallengeExpirySweep expirySweep,
            AccountService accounts, WebhookSettings settings, Clock clock, OutboundHttp http) {
        this.store = store;
        this.transactions = transactions;
        this.expirySweep = expirySweep;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
        this.inFlight = new Semaphore(settings.concurrency());
        this.http = http;
    }

    public WebhookDispatcher start() {
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::run);
        return this;
    }

    private void run() {
        while (running) {
            try {
                expirySweep.sweep(clock.instant());
                dispatchDue();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("webhook dispatch round failed: {}", e.toString());
                }
            }
            try {
                if (stopping.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void dispatchDue() {
        int free = inFlight.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = clock.instant();
        List<Delivery> due = store.due(now, free);
        for (Delivery delivery : due) {
            if (!running || !inFlight.tryAcquire()) {
                return;
            }
            if (!transactions.inTransaction(() -> store.lease(delivery.id(), now, now.plus(settings.lease())))) {
                inFlight.release();
                continue;
            }
            senders.execute(() -> {
                try {
                    deliver(delivery);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    private void deliver(Delivery delivery) {
        Optional<Account> account = accounts.find(delivery.accountSid());
        if (account.isEmpty()) {
            record(delivery, Optional.of("account " + delivery.accountSid() + " no longer exists"), true);
            return;
        }
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
        if (Thread.currentThread().isInterrupted()) {
            // Shutting down: leave the row leased; once the lease runs out, this or another node retries it.
            return;
        }
        Optional<String> error = result instanceof OutboundResult.Answered a && a.successful()
                ? Optional.empty() : Optional.of(result.summary());
        record(delivery, error, false);
    }

    private void record(Delivery delivery, Optional<String> error, boolean giveUpNow) {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        try {
            if (error.isEmpty()) {
                transactions.run(() -> store.delivered(delivery.id(), now));
                log.debug("webhook {} delivered {} {}", delivery.webhookSid(), delivery.eventType(), delivery.eventId());
                return;
            }
            int attempts = delivery.attempts() + 1;
            boolean giveUp = giveUpNow || attempts >= settings.maxAttempts()
                    || !now.isBefore(delivery.dateCreated().plus(settings.maxAge()));
            transactions.run(() -> store.failed(delivery.id(), error.get(), now.plus(settings.backoff(attempts)), giveUp, now));
            log.warn("webhook {} delivery of {} {} failed (attempt {}{}): {}", delivery.webhookSid(), delivery.eventType(),
                    delivery.eventId(), attempts, giveUp ? ", giving up" : "", error.get());
        } catch (RuntimeException e) {
            log.warn("could not record the outcome of webhook delivery {}: {}", delivery.id(), e.toString());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Stops polling and abandons deliveries in flight (their leases run out; they are retried). */
    @Override
    public void close() {
        running = false;
        // Not an interrupt: the loop may be inside a JDBC call, and an interrupt breaks the connection.
        stopping.countDown();
        if (loop != null) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
