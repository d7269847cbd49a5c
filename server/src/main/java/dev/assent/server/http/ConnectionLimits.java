package dev.assent.server.http;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.time.Duration;
import java.util.Map;

/**
 * How much of the server one client may hold: connections, requests in flight, and how long a
 * connection may sit silent, idle, or take to send one request.
 *
 * @param maxConnections        open TCP connections at once; the server also keeps this below its
 *                              file descriptor limit, so running out of descriptors never stops the
 *                              listener (further connections wait in the accept backlog)
 * @param maxConcurrentRequests requests being served at once; beyond it a request is a 503
 * @param requestTimeout        the longest a request may take to arrive once its request line is in
 *                              (headers and body, however they trickle); a slower one's connection
 *                              is closed
 * @param idleTimeout           how long a connection may wait for its next request line (a new
 *                              connection for its first), or sit with one half-sent
 */
public record ConnectionLimits(int maxConnections, int maxConcurrentRequests, Duration requestTimeout, Duration idleTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 1024;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONCURRENT_REQUESTS,
            DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT);

    /**
     * Descriptors kept back from the connection cap for what else the process opens: its jars, the
     * database files or connections, and outbound push and webhook calls.
     */
    static final int RESERVED_DESCRIPTORS = 128;

    public ConnectionLimits {
        if (maxConnections < 1 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("connection and request limits must be at least 1");
        }
        for (Duration d : new Duration[] {requestTimeout, idleTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HTTP timeouts must be positive, not " + d);
            }
        }
    }

    /**
     * The limits an operator set: {@code ASSENT_HTTP_MAX_CONNECTIONS}, {@code ASSENT_HTTP_MAX_CONCURRENT_REQUESTS},
     * and in seconds {@code ASSENT_HTTP_REQUEST_TIMEOUT} and {@code ASSENT_HTTP_IDLE_TIMEOUT}.
     */
    public static ConnectionLimits fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static ConnectionLimits from(ConfigSource config) {
        return new ConnectionLimits(
                config.integer(ConfigKey.HTTP_MAX_CONNECTIONS, 1, Integer.MAX_VALUE, DEFAULT_MAX_CONNECTIONS),
                config.integer(ConfigKey.HTTP_MAX_CONCURRENT_REQUESTS, 1, Integer.MAX_VALUE, DEFAULT_MAX_CONCURRENT_REQUESTS),
                seconds(config, ConfigKey.HTTP_REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
                seconds(config, ConfigKey.HTTP_IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT));
    }

    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(value, maxConcurrentRequests, requestTimeout, idleTimeout);
    }

    public ConnectionLimits withRequestTimeout(Duration value) {
        return new ConnectionLimits(maxConnections, maxConcurrentRequests, value, idleTimeout);
    }

    public ConnectionLimits withIdleTimeout(Duration value) {
        return new ConnectionLimits(maxConnections, maxConcurrentRequests, requestTimeout, value);
    }

    /**
     * The connection cap actually applied: the configured one, lowered so that, beyond the descriptors
     * the process already holds, a quarter of its descriptor limit, and at least
     * {@link #RESERVED_DESCRIPTORS}, stay free (each connection is one).
     *
     * @param descriptorLimit the process's limit on open files, or -1 when unknown
     * @param openDescriptors the descriptors open now (its jars, the database pool's files, …), or -1 when unknown
     */
    public int effectiveMaxConnections(long descriptorLimit, long openDescriptors) {
        if (descriptorLimit <= 0) {
            return maxConnections;
        }
        long available = Math.max(16, descriptorLimit - Math.max(0, openDescriptors)
                - Math.max(RESERVED_DESCRIPTORS, descriptorLimit / 4));
        return (int) Math.min(maxConnections, available);
    }

    private static Duration seconds(ConfigSource config, ConfigKey key, Duration fallback) {
        return Duration.ofSeconds(config.integer(key, 1, Integer.MAX_VALUE, (int) fallback.toSeconds()));
    }
}
