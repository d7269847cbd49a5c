package dev.assent.server.factor;

import java.util.Objects;
import java.util.Optional;

/** What a creation request binds the new factor to: a device's push key and configuration, or a TOTP seed. */
public sealed interface NewBinding {

    FactorType type();

    /**
     * A push device: its P-256 public key (base64 DER, already parsed once), app and SDK, and where
     * challenges are announced ({@code none} when absent).
     */
    record Push(String publicKey, String appId, String sdkVersion, Optional<NotificationPlatform> notificationPlatform,
            Optional<String> notificationToken) implements NewBinding {
        public Push {
            Objects.requireNonNull(publicKey);
            Objects.requireNonNull(appId);
            Objects.requireNonNull(sdkVersion);
        }

        @Override
        public FactorType type() {
            return FactorType.PUSH;
        }
    }

    /**
     * A passkeys factor: its resolved relying party settings and the challenge of its registration
     * ceremony, open until {@code expiresAt}.
     */
    record Passkey(dev.assent.server.service.PasskeySettings config, String challenge, java.time.Instant expiresAt) implements NewBinding {
        public Passkey {
            Objects.requireNonNull(config);
            Objects.requireNonNull(challenge);
            Objects.requireNonNull(expiresAt);
        }

        @Override
        public FactorType type() {
            return FactorType.PASSKEYS;
        }
    }

    /** A TOTP factor: the caller's seed (a new random one when absent) and its settings over the service's. */
    record Totp(Optional<TotpSecret> secret, TotpConfig config) implements NewBinding {
        @Override
        public FactorType type() {
            return FactorType.TOTP;
        }
    }
}
