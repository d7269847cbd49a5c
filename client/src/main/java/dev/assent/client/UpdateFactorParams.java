package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Json;

/**
 * The parameters of UpdateFactor, all optional: {@code AuthPayload} (the first-time verification proof:
 * a TOTP code or a push device's signature), {@code FriendlyName} and the updatable {@code Config.*} keys.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/factor#update-a-factor-resource">Twilio: Update a Factor</a>
 */
public record UpdateFactorParams(String authPayload, String friendlyName, String configNotificationToken,
                                 String configSdkVersion, Integer configTimeStep, Integer configSkew,
                                 Integer configCodeLength, TotpAlgorithm configAlg,
                                 NotificationPlatform configNotificationPlatform) {

    public UpdateFactorParams {
        Check.maxLength("AuthPayload", authPayload, CreateChallengeParams.MAX_AUTH_PAYLOAD_LENGTH);
        Check.maxLength("FriendlyName", friendlyName, 64);
        Check.length("Config.NotificationToken", configNotificationToken, 32, 255);
        Check.range("Config.TimeStep", configTimeStep, 20, 60);
        Check.range("Config.Skew", configSkew, 0, 2);
        Check.range("Config.CodeLength", configCodeLength, 3, 8);
    }

    /** Only {@code AuthPayload}: verifies a new factor. */
    public static UpdateFactorParams authPayload(String authPayload) {
        return builder().authPayload(Check.notNull("AuthPayload", authPayload)).build();
    }

    /** A builder; every parameter is optional. */
    public static Builder builder() {
        return new Builder();
    }

    Form toForm() {
        return new Form()
                .add("AuthPayload", authPayload)
                .add("FriendlyName", friendlyName)
                .add("Config.NotificationToken", configNotificationToken)
                .add("Config.SdkVersion", configSdkVersion)
                .add("Config.TimeStep", configTimeStep)
                .add("Config.Skew", configSkew)
                .add("Config.CodeLength", configCodeLength)
                .add("Config.Alg", Json.wire(configAlg))
                .add("Config.NotificationPlatform", Json.wire(configNotificationPlatform));
    }

    /** Collects the parameters of an {@link UpdateFactorParams}. */
    public static final class Builder {
        private String authPayload;
        private String friendlyName;
        private String configNotificationToken;
        private String configSdkVersion;
        private Integer configTimeStep;
        private Integer configSkew;
        private Integer configCodeLength;
        private TotpAlgorithm configAlg;
        private NotificationPlatform configNotificationPlatform;

        private Builder() {
        }

        /** {@code AuthPayload}: the verification proof. */
        public Builder authPayload(String value) {
            this.authPayload = value;
            return this;
        }

        /** {@code FriendlyName}: at most 64 characters. */
        public Builder friendlyName(String value) {
            this.friendlyName = value;
            return this;
        }

        /** {@code Config.NotificationToken}: 32–255 characters. */
        public Builder configNotificationToken(String value) {
            this.configNotificationToken = value;
            return this;
        }

        /** {@code Config.SdkVersion}. */
        public Builder configSdkVersion(String value) {
            this.configSdkVersion = value;
            return this;
        }

        /** {@code Config.TimeStep}: 20–60 seconds. */
        public Builder configTimeStep(int value) {
            this.configTimeStep = value;
            return this;
        }

        /** {@code Config.Skew}: 0–2 steps. */
        public Builder configSkew(int value) {
            this.configSkew = value;
            return this;
        }

        /** {@code Config.CodeLength}: 3–8 digits. */
        public Builder configCodeLength(int value) {
            this.configCodeLength = value;
            return this;
        }

        /** {@code Config.Alg}. */
        public Builder configAlg(TotpAlgorithm value) {
            this.configAlg = value;
            return this;
        }

        /** {@code Config.NotificationPlatform}. */
        public Builder configNotificationPlatform(NotificationPlatform value) {
            this.configNotificationPlatform = value;
            return this;
        }

        /** Checks the documented limits and freezes the parameters. */
        public UpdateFactorParams build() {
            return new UpdateFactorParams(authPayload, friendlyName, configNotificationToken, configSdkVersion,
                    configTimeStep, configSkew, configCodeLength, configAlg, configNotificationPlatform);
        }
    }
}
