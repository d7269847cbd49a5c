package dev.assent.client;

import java.time.Instant;
import java.util.Map;

/**
 * A challenge: one request to a factor's owner to approve or deny something, answered by a push device
 * or with a TOTP code ({@code verify.v2.service.entity.challenge}).
 *
 * @param sid            the {@code YC…} SID
 * @param accountSid     the {@code AC…} account
 * @param serviceSid     the {@code VA…} service
 * @param entitySid      the {@code YE…} entity
 * @param identity       the entity's identity
 * @param factorSid      the {@code YF…} factor challenged
 * @param dateCreated    when it was created
 * @param dateUpdated    when it last changed
 * @param dateResponded  when it was approved or denied, or null
 * @param expirationDate when it expires if still pending
 * @param status         pending, approved, denied or expired
 * @param respondedReason why it was responded to without the user, or null
 * @param details        the message and fields shown to the user, or null
 * @param hiddenDetails  details not shown to the user (empty when none)
 * @param metadata       metadata sent with the answer (empty when none)
 * @param factorType     push or totp
 * @param url            the absolute URL of this challenge
 * @param links          related resources, e.g. {@code notifications}
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

    /** Replaces absent maps with empty ones. */
    public Challenge {
        hiddenDetails = hiddenDetails == null ? Map.of() : hiddenDetails;
        metadata = metadata == null ? Map.of() : metadata;
        links = links == null ? Map.of() : links;
    }
}
