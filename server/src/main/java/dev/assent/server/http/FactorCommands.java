package dev.assent.server.http;

import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.accesstoken.AccessTokens;
import dev.assent.server.accesstoken.NewAccessTokenRequest;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.device.ChallengeResponse;
import dev.assent.server.device.DeviceKeys;
import dev.assent.server.entity.Identity;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.FactorUpdateRequest;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.NewBinding;
import dev.assent.server.factor.NewFactorRequest;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.factor.TotpConfig;
import dev.assent.server.factor.TotpSecret;
import dev.assent.server.totp.Base32;
import dev.assent.server.totp.TotpAlgorithm;
import dev.assent.server.totp.TotpParameters;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the Factor and AccessToken parameters (Twilio's names: {@code FactorType}, {@code Binding.*},
 * {@code Config.*}, …) into the typed commands of the factor and accesstoken features. Everything a
 * request's own text decides is checked here, with the parameter's wire name in the error; the
 * features judge only what depends on stored state.
 */
final class FactorCommands {

    private FactorCommands() {
    }

    /**
     * A factor creation. With {@code enrolling} (a device presenting an access token), {@code FactorType}
     * defaults to the token's type and {@code FriendlyName} to the token's {@code factor_friendly_name}.
     */
    static NewFactorRequest newFactor(Params p, Optional<AccessToken> enrolling) {
        String friendlyName = p.optionalFriendlyName("FriendlyName", Factors.MAX_FRIENDLY_NAME)
                .or(() -> enrolling.flatMap(AccessToken::factorFriendlyName))
                .orElseThrow(() -> ApiException.missingParameter("FriendlyName"));
        FactorType type = p.optionalEnum("FactorType", FactorType.values())
                .or(() -> enrolling.map(AccessToken::factorType))
                .orElseThrow(() -> ApiException.missingParameter("FactorType"));
        NewBinding binding = switch (type) {
            case PUSH -> pushBinding(p);
            case TOTP -> new NewBinding.Totp(p.optional("Binding.Secret").map(FactorCommands::totpSecret), totpConfig(p));
            case PASSKEYS -> throw ApiException.invalidParameter("FactorType", type.wireName(),
                    "a passkeys factor is created with POST /v2/Services/{ServiceSid}/Passkeys/Factors (JSON)");
        };
        return new NewFactorRequest(friendlyName, binding, JsonParams.stringMap(p, "Metadata"), FactorCommands::missingToken);
    }

    /** A factor update: a proof ({@code AuthPayload}) and new settings. */
    static FactorUpdateRequest factorUpdate(Params p) {
        return new FactorUpdateRequest(p.optionalBounded("AuthPayload", ChallengeResponse.MAX_LENGTH),
                p.optionalFriendlyName("FriendlyName", Factors.MAX_FRIENDLY_NAME), notificationToken(p), sdkVersion(p),
                p.optionalEnum("Config.NotificationPlatform", NotificationPlatform.values()), totpConfig(p),
                FactorCommands::missingToken);
    }

    /** An access token: tokens are issued for {@link AccessTokens#FACTOR_TYPE} factors only (Twilio's 60407 for any other). */
    static NewAccessTokenRequest newAccessToken(Params p) {
        String identity = Identity.require("Identity", p.optional("Identity").orElse(null));
        String type = p.optional("FactorType").filter(t -> !t.isEmpty()).orElseThrow(() -> ApiException.missingParameter("FactorType"));
        if (FactorType.fromWire(type).filter(t -> t == AccessTokens.FACTOR_TYPE).isEmpty()) {
            throw new ApiException(ApiError.UNSUPPORTED_TOKEN_FACTOR_TYPE, "Invalid parameter FactorType '" + type
                    + "': access tokens are issued for " + AccessTokens.FACTOR_TYPE.wireName() + " factors only");
        }
        Optional<String> friendlyName = p.optionalFriendlyName("FactorFriendlyName", Factors.MAX_FRIENDLY_NAME);
        var ttl = p.optionalInt("Ttl", (int) AccessTokens.MIN_TTL.toSeconds(), (int) AccessTokens.MAX_TTL.toSeconds());
        return new NewAccessTokenRequest(identity, friendlyName,
                ttl.isPresent() ? Optional.of(Duration.ofSeconds(ttl.getAsInt())) : Optional.empty());
    }

    private static NewBinding.Push pushBinding(Params p) {
        String alg = p.optional("Binding.Alg").orElse(PushBinding.ALGORITHM);
        if (!PushBinding.ALGORITHM.equals(alg)) {
            throw new ApiException(ApiError.INVALID_FACTOR_BINDING, "Invalid parameter Binding.Alg '" + alg + "': must be "
                    + PushBinding.ALGORITHM);
        }
        String publicKey = p.optional("Binding.PublicKey").orElseThrow(() -> ApiException.missingParameter("Binding.PublicKey"));
        try {
            DeviceKeys.parsePublicKey(publicKey);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.INVALID_FACTOR_BINDING,
                    "Invalid parameter Binding.PublicKey: must be a base64 DER P-256 public key (" + e.getMessage() + ")");
        }
        String appId = p.optionalText("Config.AppId", Factors.MAX_APP_ID)
                .orElseThrow(() -> ApiException.missingParameter("Config.AppId"));
        String sdkVersion = sdkVersion(p).orElseThrow(() -> ApiException.missingParameter("Config.SdkVersion"));
        return new NewBinding.Push(publicKey, appId, sdkVersion,
                p.optionalEnum("Config.NotificationPlatform", NotificationPlatform.values()), notificationToken(p));
    }

    private static Optional<String> sdkVersion(Params p) {
        return p.optionalText("Config.SdkVersion", Factors.MAX_SDK_VERSION);
    }

    /** A device's push token: never quoted back, it identifies the device to APNs or FCM. */
    private static Optional<String> notificationToken(Params p) {
        Optional<String> token = p.optional("Config.NotificationToken");
        token.filter(t -> t.length() < Factors.MIN_NOTIFICATION_TOKEN || t.length() > Factors.MAX_NOTIFICATION_TOKEN).ifPresent(t -> {
            throw ApiException.invalidParameter("Config.NotificationToken", null,
                    "must be " + Factors.MIN_NOTIFICATION_TOKEN + " to " + Factors.MAX_NOTIFICATION_TOKEN + " characters");
        });
        return token;
    }

    /** {@code Config.Alg}, {@code Config.CodeLength}, {@code Config.TimeStep}, {@code Config.Skew}, each within Twilio's range. */
    private static TotpConfig totpConfig(Params p) {
        Optional<TotpAlgorithm> alg = p.optionalEnum("Config.Alg", TotpAlgorithm.values());
        return new TotpConfig(alg,
                p.optionalInt("Config.CodeLength", TotpParameters.MIN_CODE_LENGTH, TotpParameters.MAX_CODE_LENGTH),
                p.optionalInt("Config.TimeStep", TotpParameters.MIN_TIME_STEP_SECONDS, TotpParameters.MAX_TIME_STEP_SECONDS),
                p.optionalInt("Config.Skew", TotpParameters.MIN_SKEW, TotpParameters.MAX_SKEW));
    }

    private static TotpSecret totpSecret(String base32) {
        byte[] seed;
        try {
            seed = Base32.decode(base32);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.INVALID_FACTOR_BINDING, "Invalid parameter Binding.Secret: must be Base32 (RFC 4648)");
        }
        if (seed.length < Factors.MIN_SECRET_BYTES || seed.length > Factors.MAX_SECRET_BYTES) {
            throw new ApiException(ApiError.INVALID_FACTOR_BINDING, "Invalid parameter Binding.Secret: must encode "
                    + Factors.MIN_SECRET_BYTES + " to " + Factors.MAX_SECRET_BYTES + " bytes");
        }
        return TotpSecret.of(seed);
    }

    /** A push factor announced on {@code platform} (APNs or FCM) has no token to announce to. */
    private static ApiException missingToken(NotificationPlatform platform) {
        return ApiException.missingParameter("Config.NotificationToken");
    }
}
