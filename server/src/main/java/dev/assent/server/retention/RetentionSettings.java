package dev.assent.server.retention;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long Assent keeps what it no longer needs, and how the retention job paces itself. Each
 * period is empty when that retention is {@code off} (kept forever).
 *
 * <p>Defaults follow Twilio: Verify deletes a challenge's personal data 30 days after it ends (its
 * PII retention SLA), and an unverified factor within 1 to 24 hours of its creation.
 *
 * @param challenges        how long an answered or expired challenge (with its notifications and push
 *                          jobs) is kept after it was answered or expired
 * @param deliveries        how long a finished push job or webhook delivery (delivered or given up) is
 *                          kept after it finished
 * @param accessTokens      how long a used or expired access token is kept after its use or expiry
 * @param unverifiedFactors how long a factor may stay {@code unverified} after its creation
 * @param interval          time between the end of one retention pass and the start of the next
 * @param batchSize         rows one DELETE statement removes at most (one short transaction each)
 * @param pause             pause between two batches, so API writers are never kept waiting long
 */
public record RetentionSettings(Optional<Duration> challenges, Optional<Duration> deliveries, Optional<Duration> accessTokens,
        Optional<Duration> unverifiedFactors, Duration interval, int batchSize, Duration pause) {

    public static final Duration DEFAULT_CHALLENGES = Duration.ofDays(30);
    public static final Duration DEFAULT_DELIVERIES = Duration.ofDays(7);
    public static final Duration DEFAULT_ACCESS_TOKENS = Duration.ofDays(1);
    public static final Duration DEFAULT_UNVERIFIED_FACTORS = Duration.ofHours(24);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(50);
    public static final int MAX_BATCH_SIZE = 10_000;

    public static final RetentionSettings DEFAULTS = new RetentionSettings(Optional.of(DEFAULT_CHALLENGES),
            Optional.of(DEFAULT_DELIVERIES), Optional.of(DEFAULT_ACCESS_TOKENS), Optional.of(DEFAULT_UNVERIFIED_FACTORS),
            DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_PAUSE);

    /** Nothing is ever deleted. */
    public static final RetentionSettings OFF = new RetentionSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_PAUSE);

    /** The longest retention period or interval accepted: ten years. */
    public static final Duration MAX_PERIOD = Duration.ofDays(3650);

    public RetentionSettings {
        Objects.requireNonNull(challenges);
        Objects.requireNonNull(deliveries);
        Objects.requireNonNull(accessTokens);
        Objects.requireNonNull(unverifiedFactors);
        Objects.requireNonNull(interval);
        Objects.requireNonNull(pause);
        for (Optional<Duration> period : List.of(challenges, deliveries, accessTokens, unverifiedFactors)) {
            if (period.filter(p -> p.isNegative() || p.isZero()).isPresent()) {
                throw new IllegalArgumentException("a retention period must be positive: " + period.get());
            }
        }
        if (interval.isNegative() || interval.isZero() || pause.isNegative()) {
            throw new IllegalArgumentException("the retention interval must be positive and the pause not negative");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("the retention batch size must be between 1 and " + MAX_BATCH_SIZE);
        }
    }

    /**
     * Reads {@code ASSENT_RETENTION_CHALLENGES}, {@code ASSENT_RETENTION_DELIVERIES},
     * {@code ASSENT_RETENTION_ACCESS_TOKENS} and {@code ASSENT_RETENTION_UNVERIFIED_FACTORS} (each a
     * duration such as {@code 30d}, {@code 24h}, {@code 90m}, {@code 3600s}, or {@code off}) and
     * {@code ASSENT_RETENTION_INTERVAL} (a duration); unset variables keep their defaults.
     *
     * @throws IllegalArgumentException naming the variable and its value, if a value is not one of those
     */
    public static RetentionSettings fromEnvironment(Map<String, String> env) {
        return from(ConfigSource.of(env));
    }

    /** As {@link #fromEnvironment}, from the loaded configuration. */
    public static RetentionSettings from(ConfigSource config) {
        return new RetentionSettings(
                period(config, ConfigKey.RETENTION_CHALLENGES, DEFAULT_CHALLENGES),
                period(config, ConfigKey.RETENTION_DELIVERIES, DEFAULT_DELIVERIES),
                period(config, ConfigKey.RETENTION_ACCESS_TOKENS, DEFAULT_ACCESS_TOKENS),
                period(config, ConfigKey.RETENTION_UNVERIFIED_FACTORS, DEFAULT_UNVERIFIED_FACTORS),
                config.duration(ConfigKey.RETENTION_INTERVAL, Duration.ofSeconds(1), MAX_PERIOD, DEFAULT_INTERVAL),
                DEFAULT_BATCH_SIZE, DEFAULT_PAUSE);
    }

    /** The retention period of one kind of row; empty when it is kept forever. */
    public Optional<Duration> period(Expirable kind) {
        return switch (kind) {
            case UNVERIFIED_FACTORS -> unverifiedFactors;
            case CHALLENGES, PASSKEY_CHALLENGES -> challenges;
            case PUSH_JOBS, WEBHOOK_DELIVERIES -> deliveries;
            case ACCESS_TOKENS -> accessTokens;
        };
    }

    public RetentionSettings withPacing(Duration newInterval, int newBatchSize, Duration newPause) {
        return new RetentionSettings(challenges, deliveries, accessTokens, unverifiedFactors, newInterval, newBatchSize, newPause);
    }

    private static Optional<Duration> period(ConfigSource config, ConfigKey key, Duration fallback) {
        if (config.string(key).filter(v -> v.equals("off")).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(config.duration(key, Duration.ofSeconds(1), MAX_PERIOD, fallback));
    }
}
