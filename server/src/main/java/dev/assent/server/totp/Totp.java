package dev.assent.server.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a> time-based one-time passwords:
 * generating codes and checking a submitted code against the steps around the current time.
 *
 * <p>Pure functions: the time is always passed in and nothing is remembered. Refusing a replayed
 * code (one whose step is not after the last accepted step) is the caller's job, using the step
 * counter {@link #verify} returns.
 */
public final class Totp {

    // HOTP's code is binCode mod 10^digits (RFC 4226 §5.3). 10^n divides 10^8 for every n <= 8,
    // so (binCode mod 10^8) mod 10^n == binCode mod 10^n: we always ask java-otp for 8 digits, the
    // most it offers, and reduce. That is how we get the 3–5 digit codes java-otp refuses to make
    // (it only does 6–8), and it gives 6–8 digits exactly as java-otp would.
    private static final int GENERATED_DIGITS = 8;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    // java-otp's public HmacOneTimePasswordGenerator constructors are HMAC-SHA1 only, so the HOTP
    // core comes through TimeBasedOneTimePasswordGenerator, which takes the MAC name. It derives
    // the counter as epochMillis / stepMillis; with a one-second step, Instant.ofEpochSecond(counter)
    // gives back exactly our counter. The time-step arithmetic (floor division, so pre-1970 times
    // are right too) stays here. epochMillis must fit in a long, hence MAX_COUNTER; counter() never
    // exceeds it for steps of 20 s or more, even at Instant.MAX.
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final long MAX_COUNTER = Long.MAX_VALUE / 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** The RFC 6238 step counter at {@code at}: floor(epoch seconds / step seconds). */
    public static long counter(Instant at, Duration timeStep) {
        Objects.requireNonNull(at, "at");
        if (timeStep.getSeconds() < 1 || timeStep.getNano() != 0) {
            throw new IllegalArgumentException("time step must be a positive whole number of seconds");
        }
        return Math.floorDiv(at.getEpochSecond(), timeStep.getSeconds());
    }

    /** The code for the step containing {@code at}, zero-padded to {@code p.codeLength()} digits. */
    public static String generate(byte[] secret, TotpParameters p, Instant at) {
        return generateForCounter(secret, p, counter(at, p.timeStep()));
    }

    /**
     * The code for step {@code counter}, zero-padded to {@code p.codeLength()} digits.
     *
     * @throws IllegalArgumentException if {@code |counter|} exceeds {@code Long.MAX_VALUE / 1000}
     */
    public static String generateForCounter(byte[] secret, TotpParameters p, long counter) {
        return code(generator(p.algorithm()), key(secret, p.algorithm()), p.codeLength(), counter);
    }

    /**
     * Checks {@code code} against the steps {@code now - skew … now + skew}.
     *
     * <p>Returns the matching step counter, or empty when none matches or the code is malformed
     * ({@code null}, not exactly {@code codeLength} characters, or not all ASCII digits {@code 0–9};
     * other Unicode digits are refused, not normalised). Short codes can match several steps; then
     * the step closest to now wins, the current one first, and on a tie the past step (a code is
     * typed after it is shown, so an earlier step is the likelier one).
     */
    public static OptionalLong verify(byte[] secret, TotpParameters p, String code, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!isWellFormed(code, p.codeLength())) {
            return OptionalLong.empty();
        }
        TimeBasedOneTimePasswordGenerator generator = generator(p.algorithm());
        SecretKeySpec key = key(secret, p.algorithm());
        byte[] submitted = code.getBytes(StandardCharsets.US_ASCII);
        long current = counter(now, p.timeStep());
        // Every window is computed and compared, and comparisons are constant-time, so the time
        // taken does not reveal which window (or how many leading digits) matched.
        long best = 0;
        boolean found = false;
        // Offsets in order of preference: 0, -1, +1, -2, +2; the first match is kept.
        for (int i = 0; i <= 2 * p.skew(); i++) {
            long offset = (i % 2 == 1) ? -(i + 1) / 2 : i / 2;
            long candidate = current + offset;
            String expected = code(generator, key, p.codeLength(), candidate);
            boolean matches = MessageDigest.isEqual(submitted, expected.getBytes(StandardCharsets.US_ASCII));
            if (matches && !found) {
                best = candidate;
                found = true;
            }
        }
        return found ? OptionalLong.of(best) : OptionalLong.empty();
    }

    /** A fresh random secret of {@link TotpAlgorithm#recommendedSecretBytes()} bytes. */
    public static byte[] newSecret(TotpAlgorithm algorithm) {
        byte[] secret = new byte[algorithm.recommendedSecretBytes()];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private static boolean isWellFormed(String code, int codeLength) {
        if (code == null || code.length() != codeLength) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // A new generator per call keeps this class stateless and picks up the JCA providers
    // registered at the time of the call; java-otp clones a prototype Mac per code anyway.
    private static TimeBasedOneTimePasswordGenerator generator(TotpAlgorithm algorithm) {
        return new TimeBasedOneTimePasswordGenerator(ONE_SECOND, GENERATED_DIGITS, algorithm.macAlgorithm());
    }

    private static SecretKeySpec key(byte[] secret, TotpAlgorithm algorithm) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return new SecretKeySpec(secret, algorithm.macAlgorithm());
    }

    private static String code(TimeBasedOneTimePasswordGenerator generator, SecretKeySpec key, int codeLength, long counter) {
        if (counter > MAX_COUNTER || counter < -MAX_COUNTER) {
            throw new IllegalArgumentException("counter out of range: " + counter);
        }
        int eightDigits;
        try {
            eightDigits = generator.generateOneTimePassword(key, Instant.ofEpochSecond(counter));
        } catch (InvalidKeyException e) {
            // Cannot happen for a non-empty SecretKeySpec; never include key material.
            throw new IllegalArgumentException("secret is not a usable HMAC key", e);
        }
        int value = eightDigits % POWERS_OF_TEN[codeLength];
        String digits = Integer.toString(value);
        return "0".repeat(codeLength - digits.length()) + digits;
    }
}
