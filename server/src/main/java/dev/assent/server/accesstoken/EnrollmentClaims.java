package dev.assent.server.accesstoken;

import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an enrollment token says once its MAC has been checked: which access token it is
 * ({@code jti}), for which account ({@code sub}), service, identity and factor, and when it was issued
 * and expires ({@code iat}, {@code exp}, whole seconds).
 */
public record EnrollmentClaims(
        Sid tokenSid,
        Sid accountSid,
        Sid serviceSid,
        String identity,
        FactorType factorType,
        Optional<String> factorFriendlyName,
        Instant issuedAt,
        Instant expiresAt) {

    public EnrollmentClaims {
        Objects.requireNonNull(tokenSid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(factorType);
        Objects.requireNonNull(factorFriendlyName);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(expiresAt);
    }
}
