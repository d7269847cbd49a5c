package dev.assent.client;

import java.time.Instant;
import java.util.Map;

/**
 * A challenge: one request to a factor's owner to approve or deny something, answered by a push device
 * or with a TOTP code ({@code verify.v2.service.entity.challenge}).
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge">Twilio: Challenge resource</a>
 */
public record Challenge(
        String sid,
        String accountSid,
        String serviceSid,
        String entitySid,
        String identity,
        String factorSid,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateResponded,
        Instant expirationDate,
        ChallengeStatus status,
        RespondedReason respondedReason,
        ChallengeDetails details,
        Map<String, String> hiddenDetails,
        Map<String, String> metadata,
        FactorType factorType,
        String url,
        Map<String, String> links) {

    public Challenge {
        hiddenDetails = hiddenDetails == null ? Map.of() : hiddenDetails;
        metadata = metadata == null ? Map.of() : metadata;
        links = links == null ? Map.of() : links;
    }
}
