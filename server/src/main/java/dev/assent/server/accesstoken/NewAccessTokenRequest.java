package dev.assent.server.accesstoken;

import java.util.Optional;

/** An access-token request as received, before validation; names follow the API's parameters. */
public record NewAccessTokenRequest(
        Optional<String> identity,
        Optional<String> factorType,
        Optional<String> factorFriendlyName,
        Optional<Integer> ttl) {
}
