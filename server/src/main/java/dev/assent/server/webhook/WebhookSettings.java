package dev.assent.server.webhook;

import dev.assent.server.worker.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How webhook deliveries are retried and bounded.
 *
 * @param pollInterval   how often the dispatcher looks for due deliveries and newly expired challenges
 * @param initialBackoff delay after the first failed attempt; it doubles after each further failure
 * @param maxBackoff     the cap on that delay
 * @param maxAttempts    attempts after which a delivery is given up (kept as {@code failed})
 * @param maxAge         age after which a failing delivery is given up
 * @param lease          how long a node owns a delivery it is sending; after a crash another node
 *                       retries it once the lease has run out
 * @param connectTimeout time allowed for connecting; with {@code requestTimeout}, the deadline on a whole attempt
 * @param requestTimeout time allowed for the request and response; {@code connectTimeout + requestTimeout}
 *                       bounds a whole attempt (resolving, connecting, sending, the response headers)
 * @param concurrency    deliveries in flight at once per node (one account holds at most
 *                       {@code WorkerSettings.perAccount} of them)
 */
public record WebhookSettings(Duration pollInterval, Duration initialBackoff, Duration maxBackoff, int maxAttempts,
        Duration maxAge, Duration lease, Duration connectTimeout, Duration requestTimeout, int concurrency) {

    public static final WebhookSettings DEFAULTS = new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofMinutes(10), 25, Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
            16);

    public WebhookSettings {
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(initialBackoff);
        Objects.requireNonNull(maxBackoff);
        Objects.requireNonNull(maxAge);
        Objects.requireNonNull(lease);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(requestTimeout);
        if (maxAttempts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("maxAttempts and concurrency must be positive");
        }
        if (lease.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
            throw new IllegalArgumentException("the lease must outlast a delivery attempt (connect + request timeout)");
        }
    }

    /** The delay before attempt {@code failures + 1}: initial, doubled per failure, capped (the workers' one {@link Backoff}). */
    public Duration backoff(int failures) {
        return new Backoff(initialBackoff, maxBackoff).after(failures);
    }
}
