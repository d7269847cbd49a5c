package dev.assent.benchmark;

import dev.assent.device.DeviceKey;
import dev.assent.server.device.CryptoProviders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;

/**
 * The bare ES256 verification ceiling of one core: one thread verifying the same P-256 signature over a
 * device-JWT-sized message in a loop, with the provider the server verifies with
 * ({@link CryptoProviders#ecdsa()}, the same property selects it here), on the load generator's core while
 * the server is idle. Nothing else a request does is in it: no HTTP, no JSON, no database.
 */
final class Es256Ceiling {

    private static final long CHECK_EVERY = 64;

    private Es256Ceiling() {
    }

    /** Verifications per second over {@code duration} (after a warm-up of the same length, at most 2 s), at most {@code max}. */
    static double measure(Duration warmup, Duration duration, long max) {
        DeviceKey key = DeviceKey.generate();
        byte[] message = ("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9." + "x".repeat(300)).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.signDer(message);
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoProviders.ecdsa());
            loop(verifier, key, message, signature, warmup.toNanos(), max);
            long start = System.nanoTime();
            long done = loop(verifier, key, message, signature, duration.toNanos(), max);
            return done / ((System.nanoTime() - start) / 1e9);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 verification is not available: " + e, e);
        }
    }

    private static long loop(Signature verifier, DeviceKey key, byte[] message, byte[] signature, long nanos, long max)
            throws GeneralSecurityException {
        long end = System.nanoTime() + nanos;
        long done = 0;
        while (done < max && (done % CHECK_EVERY != 0 || System.nanoTime() < end)) {
            verifier.initVerify(key.keyPair().getPublic());
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the ceiling's own signature did not verify");
            }
            done++;
        }
        return done;
    }
}
