package dev.assent.server.totp;

import java.time.Duration;

/**
 * The per-factor settings of a <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a>
 * TOTP, within the ranges Twilio Verify accepts: 3–8 digit codes, a time step of 20–60 whole
 * seconds, and a skew of 0–2 steps either side of the current one.
 */
public record TotpParameters(TotpAlgorithm algorithm, int codeLength, Duration timeStep, int skew) {

    public static final TotpAlgorithm DEFAULT_ALGORITHM = TotpAlgorithm.SHA1;
    public static final int DEFAULT_CODE_LENGTH = 6;
    public static final Duration DEFAULT_TIME_STEP = Duration.ofSeconds(30);
    public static final int DEFAULT_SKEW = 1;

    /*
     * Twilio's ranges, defined here once: the http edge checks a factor's Config.* and a service's
     * Totp.* parameters against them, and every TotpParameters holds them.
     */
    public static final int MIN_CODE_LENGTH = 3;
    public static final int MAX_CODE_LENGTH = 8;
    public static final int MIN_TIME_STEP_SECONDS = 20;
    public static final int MAX_TIME_STEP_SECONDS = 60;
    public static final int MIN_SKEW = 0;
    public static final int MAX_SKEW = 2;

    public TotpParameters {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("code length must be " + MIN_CODE_LENGTH + " to " + MAX_CODE_LENGTH + " digits, was "
                    + codeLength);
        }
        if (timeStep == null
                || timeStep.getNano() != 0
                || timeStep.getSeconds() < MIN_TIME_STEP_SECONDS
                || timeStep.getSeconds() > MAX_TIME_STEP_SECONDS) {
            throw new IllegalArgumentException("time step must be " + MIN_TIME_STEP_SECONDS + " to " + MAX_TIME_STEP_SECONDS
                    + " whole seconds, was " + timeStep);
        }
        if (skew < MIN_SKEW || skew > MAX_SKEW) {
            throw new IllegalArgumentException("skew must be " + MIN_SKEW + " to " + MAX_SKEW + " steps, was " + skew);
        }
    }

    /** Twilio's defaults: SHA1, 6 digits, 30 seconds, one step of skew. */
    public static TotpParameters defaults() {
        return new TotpParameters(DEFAULT_ALGORITHM, DEFAULT_CODE_LENGTH, DEFAULT_TIME_STEP, DEFAULT_SKEW);
    }
}
