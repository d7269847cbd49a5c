package dev.assent.server.passkey;

import dev.assent.server.config.ConfigKey;
import dev.assent.server.config.ConfigSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the two passkeys ceremonies stay open: a login challenge stays {@code pending} for
 * {@code login} (its {@code expiration_date}), a registration accepts its attestation for
 * {@code registration}; each is also the WebAuthn {@code timeout} the browser is given.
 *
 * @param login        a login challenge's lifetime ({@code ASSENT_PASSKEY_CHALLENGE_TTL})
 * @param registration a registration ceremony's lifetime ({@code ASSENT_PASSKEY_REGISTRATION_TTL})
 */
public record PasskeyTimeouts(Duration login, Duration registration) {

    /** As any other challenge: five minutes. */
    public static final Duration DEFAULT_LOGIN = Duration.ofMinutes(5);
    /** Twilio's creation options say {@code "timeout": 600000}: ten minutes. */
    public static final Duration DEFAULT_REGISTRATION = Duration.ofMinutes(10);
    /** Shortest accepted: one second (tests; a browser needs more). */
    public static final Duration MIN = Duration.ofSeconds(1);
    /** Longest accepted: an hour, as the longest challenge lifetime. */
    public static final Duration MAX = Duration.ofMinutes(60);

    public static final PasskeyTimeouts DEFAULTS = new PasskeyTimeouts(DEFAULT_LOGIN, DEFAULT_REGISTRATION);

    public PasskeyTimeouts {
        Objects.requireNonNull(login);
        Objects.requireNonNull(registration);
        for (Duration ttl : new Duration[] {login, registration}) {
            if (ttl.compareTo(MIN) < 0 || ttl.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("a passkeys ceremony lifetime must be from 1s to 60m: " + ttl);
            }
        }
    }

    /** Reads {@code ASSENT_PASSKEY_CHALLENGE_TTL} and {@code ASSENT_PASSKEY_REGISTRATION_TTL}; unset keeps the default. */
    public static PasskeyTimeouts from(ConfigSource config) {
        return new PasskeyTimeouts(
                config.duration(ConfigKey.PASSKEY_CHALLENGE_TTL, MIN, MAX, DEFAULT_LOGIN),
                config.duration(ConfigKey.PASSKEY_REGISTRATION_TTL, MIN, MAX, DEFAULT_REGISTRATION));
    }
}
