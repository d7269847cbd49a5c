package dev.assent.server.accesstoken;

import java.time.Duration;
import java.util.Optional;

/**
 * An access-token request, parsed and checked for form by the http edge: a valid identity, a
 * friendly name within bounds, and a lifetime within {@link AccessTokens#MIN_TTL} to
 * {@link AccessTokens#MAX_TTL} ({@link AccessTokens#DEFAULT_TTL} when absent). Tokens are issued for
 * {@link AccessTokens#FACTOR_TYPE} factors only.
 */
public record NewAccessTokenRequest(String identity, Optional<String> factorFriendlyName, Optional<Duration> ttl) {
}
