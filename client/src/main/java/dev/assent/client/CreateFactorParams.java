package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Json;
import java.util.Map;

/**
 * The parameters of CreateNewFactor: {@code FriendlyName} and {@code FactorType} (required), the push
 * {@code Binding.*} and {@code Config.*} keys, the TOTP {@code Binding.Secret} and {@code Config.*} keys,
 * and {@code Metadata}. The builder checks the documented limits.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/factor#create-a-factor-resource">Twilio: Create a Factor</a>
 */
public record CreateFactorParams(String friendlyName, FactorType factorType, String bindingAlg,
                                 String bindingPublicKey, String bindingSecret, String configAppId,
                                 NotificationPlatform configNotificationPlatform, String configNotificationToken,
                                 String configSdkVersion, Integer configTimeStep, Integer configSkew,
                                 Integer configCodeLength, TotpAlgorithm configAlg, Map<String, String> metadata) {

    public CreateFactorParams {
        Check.notNull("FriendlyName", friendlyName);
        Check.maxLength("FriendlyName", friendlyName, 64);
        Check.notNull("FactorType", factorType);
        Check.maxLength("Config.AppId", configAppId, 100);
        Check.length("Config.NotificationToken", configNotificationToken, 32, 255);
        Check.range("Config.TimeStep", configTimeStep, 20, 60);
        Check.range("Config.Skew", configSkew, 0, 2);
        Check.range("Config.CodeLength", configCodeLength, 3, 8);
        metadata = Check.copy(metadata);
        Check.jsonObject("Metadata", metadata);
    }

    /** A builder for a TOTP factor named {@code friendlyName}. */
    public static Builder totp(String friendlyName) {
        return new Builder(friendlyName, FactorType.TOTP);
    }

    /** A builder for a push factor named {@code friendlyName} ({@code Binding.Alg} defaults to ES256). */
    public static Builder push(String friendlyName) {
        return new Builder(friendlyName, FactorType.PUSH).bindingAlg("ES256");
    }

    Form toForm() {
        return new Form()
                .add("FriendlyName", friendlyName)
                .add("FactorType", Json.wire(factorType))
                .add("Binding.Alg", bindingAlg)
                .add("Binding.PublicKey", bindingPublicKey)
                .add("Binding.Secret", bindingSecret)
                .add("Config.AppId", configAppId)
                .add("Config.NotificationPlatform", Json.wire(configNotificationPlatform))
                .add("Config.NotificationToken", configNotificationToken)
                .add("Config.SdkVersion", configSdkVersion)
                .add("Config.TimeStep", configTimeStep)
                .add("Config.Skew", configSkew)
                .add("Config.CodeLength", configCodeLength)
                .add("Config.Alg", Json.wire(configAlg))
                .add("Metadata", Check.jsonObject("Metadata", metadata));
    }

    /** Collects the optional parameters of a {@link CreateFactorParams}. */
    public static final class Builder {
        private final String friendlyName;
        private final FactorType factorType;
        private String bindingAlg;
        private String bindingPublicKey;
        private String bindingSecret;
        private String configAppId;
        private NotificationPlatform configNotificationPlatform;
        private String configNotificationToken;
        private String configSdkVersion;
        private Integer configTimeStep;
        private Integer configSkew;
        private Integer configCodeLength;
        private TotpAlgorithm configAlg;
        private Map<String, String> metadata;

        private Builder(String friendlyName, FactorType factorType) {
            this.friendlyName = friendlyName;
            this.factorType = factorType;
        }

        /** {@code Binding.Alg}: push, only {@code ES256}. */
        public Builder bindingAlg(String value) {
            this.bindingAlg = value;
            return this;
        }

        /** {@code Binding.PublicKey}: push, Base64 DER SubjectPublicKeyInfo of a P-256 key. */
        public Builder bindingPublicKey(String value) {
            this.bindingPublicKey = value;
            return this;
        }

        /** {@code Binding.Secret}: TOTP, a Base32 seed; the server generates one when absent. */
        public Builder bindingSecret(String value) {
            this.bindingSecret = value;
            return this;
        }

        /** {@code Config.AppId}: push, the app's bundle or package id (at most 100 characters). */
        public Builder configAppId(String value) {
            this.configAppId = value;
            return this;
        }

        /** {@code Config.NotificationPlatform}: push, {@code apn}, {@code fcm} or {@code none}. */
        public Builder configNotificationPlatform(NotificationPlatform value) {
            this.configNotificationPlatform = value;
            return this;
        }

        /** {@code Config.NotificationToken}: push, the APNs or FCM token (32–255 characters). */
        public Builder configNotificationToken(String value) {
            this.configNotificationToken = value;
            return this;
        }

        /** {@code Config.SdkVersion}: push, the Verify Push SDK version. */
        public Builder configSdkVersion(String value) {
            this.configSdkVersion = value;
            return this;
        }

        /** {@code Config.TimeStep}: TOTP, 20–60 seconds. */
        public Builder configTimeStep(int value) {
            this.configTimeStep = value;
            return this;
        }

        /** {@code Config.Skew}: TOTP, 0–2 steps. */
        public Builder configSkew(int value) {
            this.configSkew = value;
            return this;
        }

        /** {@code Config.CodeLength}: TOTP, 3–8 digits. */
        public Builder configCodeLength(int value) {
            this.configCodeLength = value;
            return this;
        }

        /** {@code Config.Alg}: TOTP HMAC algorithm. */
        public Builder configAlg(TotpAlgorithm value) {
            this.configAlg = value;
            return this;
        }

        /** {@code Metadata}: string pairs, at most 1024 characters as JSON. */
        public Builder metadata(Map<String, String> value) {
            this.metadata = value;
            return this;
        }

        /** Checks the documented limits and freezes the parameters. */
        public CreateFactorParams build() {
            return new CreateFactorParams(friendlyName, factorType, bindingAlg, bindingPublicKey, bindingSecret,
                    configAppId, configNotificationPlatform, configNotificationToken, configSdkVersion,
                    configTimeStep, configSkew, configCodeLength, configAlg, metadata);
        }
    }
}
