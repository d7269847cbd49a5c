package dev.assent.server.factor;

import java.util.Map;
import java.util.Optional;

/** A factor-creation request as received, before validation; names follow the API's parameters. */
public record NewFactorRequest(
        Optional<String> friendlyName,
        Optional<String> factorType,
        Optional<String> bindingAlg,
        Optional<String> bindingPublicKey,
        Optional<String> bindingSecret,
        Optional<String> configAppId,
        Optional<String> configNotificationPlatform,
        Optional<String> configNotificationToken,
        Optional<String> configSdkVersion,
        Optional<Integer> configTimeStep,
        Optional<Integer> configSkew,
        Optional<Integer> configCodeLength,
        Optional<String> configAlg,
        Optional<Map<String, String>> metadata) {
}
