package dev.assent.server.accesstoken;

import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token: permission, issued by a backend, for one device to enroll one push factor for one
 * identity, once, before {@code expirationDate}. See https://www.twilio.com/docs/verify/api/access-token.
 *
 * <p>{@code token} is the bearer credential itself; {@link #toString()} leaves it out.
 */
public record AccessToken(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        String identity,
        FactorType factorType,
        Optional<String> factorFriendlyName,
        Duration ttl,
        String token,
        Instant expirationDate,
        Optional<Instant> dateUsed,
        Instant dateCreated) {

    public AccessToken {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(factorType);
        Objects.requireNonNull(factorFriendlyName);
        Objects.requireNonNull(ttl);
        Objects.requireNonNull(token);
        Objects.requireNonNull(expirationDate);
        Objects.requireNonNull(dateUsed);
        Objects.requireNonNull(dateCreated);
    }

    /** Whether the signed claims describe this token (they always do unless the signing key leaked). */
    boolean describedBy(EnrollmentClaims claims) {
        return claims.tokenSid().equals(sid)
                && claims.accountSid().equals(accountSid)
                && claims.serviceSid().equals(serviceSid)
                && claims.identity().equals(identity)
                && claims.factorType() == factorType
                && claims.factorFriendlyName().equals(factorFriendlyName);
    }

    @Override
    public String toString() {
        return "AccessToken[sid=" + sid + ", serviceSid=" + serviceSid + ", token=redacted]";
    }
}
