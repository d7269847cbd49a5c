package dev.assent.client;

import java.time.Instant;
import java.util.Map;

/**
 * A Verify service: the container of entities, factors, challenges and webhooks, with its push and TOTP
 * settings ({@code verify.v2.service}).
 *
 * <p>{@code passkeys} is null when the server sent none (Twilio without the passkeys beta); its members are null
 * when not configured.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/service">Twilio: Service resource</a>
 */
public record Service(String sid, String accountSid, String friendlyName, Integer codeLength, Push push, Totp totp,
                     PasskeySettings passkeys, Instant dateCreated, Instant dateUpdated, String url, Map<String, String> links) {

    public Service {
        links = links == null ? Map.of() : links;
    }

    /** The service's push settings ({@code push}). */
    public record Push(Boolean includeDate, String apnCredentialSid, String fcmCredentialSid) {
    }

    /** The service's TOTP defaults ({@code totp}); null fields fall back to Twilio's defaults. */
    public record Totp(String issuer, Integer timeStep, Integer codeLength, Integer skew) {
    }
}
