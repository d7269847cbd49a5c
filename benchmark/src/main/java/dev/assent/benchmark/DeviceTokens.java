package dev.assent.benchmark;

import dev.assent.device.DeviceJws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Device JWTs signed ahead of a phase, so that the load generator's core does not spend the measured window
 * on ECDSA signing: a bounded pool per device of {@code Authorization} values ({@code Basic base64("token:" + JWT)}),
 * each used once, within its validity. The server verifies each one in full; no two are the same (ECDSA
 * signatures are randomised), so no cache on the server can skip one.
 *
 * <p>When a device's pool is used up, or its tokens are too close to their expiry, the token is signed on the
 * spot and counted ({@link #signedLate()}), and the report says so: those signatures were load-generator work
 * inside the window.
 */
final class DeviceTokens {

    /** At most this many tokens per phase (about 550 bytes each): bounds memory and the signing time before a phase. */
    static final int MAX_POOLED = 400_000;
    /** A pooled token is used at most this long after it was signed (a device JWT is valid for 10 minutes). */
    static final Duration USABLE_FOR = DeviceJws.DEVICE_JWT_LIFETIME.minusMinutes(2);

    private final Map<Device, Queue<byte[]>> pools;
    private final long signedAtNanos;
    private final long pooled;
    private final Duration signingTime;
    private final LongAdder late = new LongAdder();

    private DeviceTokens(Map<Device, Queue<byte[]>> pools, long signedAtNanos, long pooled, Duration signingTime) {
        this.pools = pools;
        this.signedAtNanos = signedAtNanos;
        this.pooled = pooled;
        this.signingTime = signingTime;
    }

    /** No pool: every token is signed on the spot (and counted). */
    static DeviceTokens none(List<Device> devices) {
        return sign(devices, 0);
    }

    /** Signs {@code total} tokens (at most {@link #MAX_POOLED}), spread evenly over {@code devices}. */
    static DeviceTokens sign(List<Device> devices, long total) {
        long bounded = Math.max(0, Math.min(total, MAX_POOLED));
        int perDevice = (int) ((bounded + devices.size() - 1) / devices.size());
        long start = System.nanoTime();
        Instant now = Instant.now();
        Map<Device, Queue<byte[]>> pools = new HashMap<>();
        devices.forEach(d -> pools.put(d, new ConcurrentLinkedQueue<>()));
        // One thread per core the load generator has: before the phase, nothing else runs on them.
        pools.entrySet().parallelStream().forEach(e -> {
            for (int i = 0; i < perDevice; i++) {
                e.getValue().add(encode(e.getKey(), now));
            }
        });
        return new DeviceTokens(Map.copyOf(pools), start, (long) perDevice * devices.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static byte[] encode(Device device, Instant now) {
        return device.signer().authorization(now).getBytes(StandardCharsets.US_ASCII);
    }

    /** The next unused token of {@code device}, or one signed now when there is none left (counted). */
    byte[] next(Device device) {
        Queue<byte[]> pool = pools.get(device);
        if (pool == null) {
            throw new IllegalArgumentException("no token pool for " + device.factorSid());
        }
        byte[] token = System.nanoTime() - signedAtNanos < USABLE_FOR.toNanos() ? pool.poll() : null;
        if (token == null) {
            late.increment();
            token = encode(device, Instant.now());
        }
        return token;
    }

    /** Tokens signed before the phase. */
    long pooled() {
        return pooled;
    }

    /** How long signing the pool took (before the phase, not in it). */
    Duration signingTime() {
        return signingTime;
    }

    /** Tokens signed during the phase because the pool had none left. */
    long signedLate() {
        return late.sum();
    }
}
