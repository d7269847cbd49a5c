package dev.assent.server.http;

import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.entity.Entity;
import dev.assent.server.factor.Factor;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * Who made a request: an account (the backend, with its auth token or an API key), a push device speaking for one factor, or a device
 * enrolling with an access token.
 */
sealed interface Principal
        permits Principal.AccountPrincipal, Principal.ApiKeyPrincipal, Principal.DevicePrincipal, Principal.EnrollmentPrincipal {

    Sid accountSid();

    /** Authenticated with the account SID and auth token. */
    record AccountPrincipal(Sid accountSid) implements Principal {
    }

    /**
     * Authenticated with an API key's SID and secret: acts as its account everywhere the auth token
     * does, except on the Keys resource (as Twilio's standard keys).
     */
    record ApiKeyPrincipal(Sid accountSid, Sid keySid) implements Principal {
    }

    /**
     * Authenticated with a JWT signed by a push factor's device key; may act on that factor only. Carries
     * the factor, its entity and service as read (in one statement) for this request and its parsed key,
     * so nothing later in the request reads or parses them again. Nothing here outlives the request.
     */
    record DevicePrincipal(Factor factor, Entity entity, VerifyService service, ECPublicKey publicKey) implements Principal {
        public DevicePrincipal {
            Objects.requireNonNull(factor);
            Objects.requireNonNull(entity);
            Objects.requireNonNull(service);
            Objects.requireNonNull(publicKey);
        }

        @Override
        public Sid accountSid() {
            return factor.accountSid();
        }
    }

    /** Authenticated with an unused, unexpired access token; may only create the push factor it allows. */
    record EnrollmentPrincipal(AccessToken token) implements Principal {
        @Override
        public Sid accountSid() {
            return token.accountSid();
        }
    }
}
