package dev.assent.server.factor;

import java.util.Optional;

/** A factor-update request as received: an optional verification proof and optional new settings. */
public record FactorUpdateRequest(
        Optional<String> authPayload,
        Optional<String> friendlyName,
        Optional<String> configNotificationToken,
        Optional<String> configSdkVersion,
        Optional<String> configNotificationPlatform,
        Optional<Integer> configTimeStep,
        Optional<Integer> configSkew,
        Optional<Integer> configCodeLength,
        Optional<String> configAlg) {
}
