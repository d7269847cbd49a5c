package dev.assent.server.factor;

import dev.assent.server.api.ApiException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A factor-update request, parsed by the http edge: an optional verification proof and optional new
 * settings (the push ones apply to a push factor, the TOTP ones to a TOTP factor).
 *
 * @param missingNotificationToken the edge's refusal of a push platform left without a token (it names the parameter)
 */
public record FactorUpdateRequest(
        Optional<String> authPayload,
        Optional<String> friendlyName,
        Optional<String> notificationToken,
        Optional<String> sdkVersion,
        Optional<NotificationPlatform> notificationPlatform,
        TotpConfig totp,
        Function<NotificationPlatform, ApiException> missingNotificationToken) {
}
