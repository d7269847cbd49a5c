package dev.assent.client;

import java.time.Instant;

/**
 * A push enrolment access token: lets a device create its own push factor for {@code entityIdentity}
 * ({@code verify.v2.service.access_token}). The {@code token} is a secret; hand it only to that device.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/access-token">Twilio: Access Token resource</a>
 */
public record AccessToken(String sid, String accountSid, String serviceSid, String entityIdentity,
                          FactorType factorType, String factorFriendlyName, String token, String url, Integer ttl,
                          Instant dateCreated) {

    @Override
    public String toString() {
        return "AccessToken[sid=" + sid + ", serviceSid=" + serviceSid + ", entityIdentity=" + entityIdentity
                + ", factorType=" + factorType + ", ttl=" + ttl + ", dateCreated=" + dateCreated + ", token=<redacted>]";
    }
}
