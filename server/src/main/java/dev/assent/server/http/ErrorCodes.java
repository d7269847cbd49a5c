package dev.assent.server.http;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's error code for a bad parameter, chosen here, once, when the error is rendered: by the
 * resource of the route that was matched and the parameter's wire name. Feature code throws
 * {@link ApiException#invalidParameter} or {@link ApiException#missingParameter} ({@link ApiError#INVALID_PARAMETER}
 * with the parameter's name) and does not know Twilio's numbering; errors with a code of their own
 * (60314, 60368, 60315, …) are thrown as their own {@link ApiError} and pass through unchanged.
 *
 * <p>The table and each code's source are in {@code docs/decisions.md}, section "Error codes". In short:
 * on the push/totp resources (Entities, Factors, Challenges, Notifications, AccessTokens, Webhooks)
 * a parameter with a Twilio page of its own gets that code (Identity 60367, FactorSid 60362,
 * FactorType 60369, Config.* 60370, Binding.PublicKey 60385) and every other one 60306; Services keep
 * Verify's 60200, which Twilio documents for a Service's FriendlyName; resources outside Verify
 * (Credentials, Keys, AuthTokens) keep 60200 as well.
 */
final class ErrorCodes {

    /** The resources whose bad parameters Twilio answers with 60306 (VERIFY_API.md §11). */
    private static final Set<String> PUSH_TOTP_RESOURCES = Set.of(
            "Entities", "Factors", "Challenges", "Notifications", "AccessTokens", "Webhooks", "Deliveries",
            // The passkeys operations (…/Passkeys/Factors and …/Passkeys/Challenges match the two above).
            "VerifyFactor", "ApproveChallenge");

    /** Resource → parameter (lower case) → code, where Twilio documents a code for that parameter. */
    private static final Map<String, Map<String, ApiError>> SPECIFIC = Map.of(
            "Entities", Map.of("identity", ApiError.INVALID_ENTITY_IDENTITY),
            "Factors", Map.ofEntries(
                    Map.entry("identity", ApiError.INVALID_ENTITY_IDENTITY),
                    Map.entry("factortype", ApiError.INVALID_FACTOR_TYPE),
                    Map.entry("binding.publickey", ApiError.INVALID_PUBLIC_KEY),
                    Map.entry("config.appid", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.notificationplatform", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.notificationtoken", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.sdkversion", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.timestep", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.skew", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.codelength", ApiError.INVALID_FACTOR_CONFIG),
                    Map.entry("config.alg", ApiError.INVALID_FACTOR_CONFIG)),
            "Challenges", Map.of(
                    "identity", ApiError.INVALID_ENTITY_IDENTITY,
                    "factorsid", ApiError.INVALID_FACTOR_SID,
                    // The passkeys challenge's JSON name.
                    "factor_sid", ApiError.INVALID_FACTOR_SID),
            "Notifications", Map.of("identity", ApiError.INVALID_ENTITY_IDENTITY),
            "AccessTokens", Map.of("identity", ApiError.INVALID_ENTITY_IDENTITY));

    private ErrorCodes() {
    }

    /**
     * The error to render for {@code failure} raised while serving the route {@code routeTemplate}
     * (Helidon's matched pattern, such as {@code /v2/Services/{ServiceSid}/Entities/{Identity}/Factors}).
     */
    static ApiError of(Optional<String> routeTemplate, ApiException failure) {
        if (failure.error() != ApiError.INVALID_PARAMETER || routeTemplate.isEmpty()) {
            return failure.error();
        }
        String resource = resource(routeTemplate.get());
        if (!PUSH_TOTP_RESOURCES.contains(resource)) {
            return failure.error();
        }
        return failure.parameter()
                .map(p -> SPECIFIC.getOrDefault(resource, Map.of()).get(p.toLowerCase(Locale.ROOT)))
                .orElse(ApiError.INVALID_REQUEST);
    }

    /**
     * The resource a route template addresses: its last literal segment, so {@code /v2/Services/{ServiceSid}}
     * is {@code Services} and {@code …/Entities/{Identity}/Challenges/{Sid}/Notifications} is {@code Notifications}.
     */
    static String resource(String routeTemplate) {
        String[] segments = routeTemplate.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                return segment;
            }
        }
        return "";
    }
}
