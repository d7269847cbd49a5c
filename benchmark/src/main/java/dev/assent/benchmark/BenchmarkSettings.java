package dev.assent.benchmark;

import java.time.Duration;

/**
 * The validated load parameters.
 *
 * @param clients  concurrent clients
 * @param factors  distinct verified push devices
 * @param warmup   unmeasured time first, per phase
 * @param duration measured time, per phase
 */
record BenchmarkSettings(int clients, int factors, Duration warmup, Duration duration) {

    /** Upper bounds keep a typo from turning into an hour-long run or thousands of connections. */
    static final int MAX_CLIENTS = 4096;
    static final int MAX_FACTORS = 100_000;
    static final Duration MAX_PHASE = Duration.ofMinutes(30);

    BenchmarkSettings {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("--clients must be 1 to " + MAX_CLIENTS);
        }
        if (factors < 1 || factors > MAX_FACTORS) {
            throw new IllegalArgumentException("--factors must be 1 to " + MAX_FACTORS);
        }
        if (warmup.isNegative() || warmup.compareTo(MAX_PHASE) > 0) {
            throw new IllegalArgumentException("--warmup must be 0 to 30m");
        }
        if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_PHASE) > 0) {
            throw new IllegalArgumentException("--duration must be more than 0 and at most 30m");
        }
    }
}
