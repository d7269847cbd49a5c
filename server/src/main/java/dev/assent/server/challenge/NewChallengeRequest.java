package dev.assent.server.challenge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A challenge-creation request as received, its JSON parameters already parsed. */
public record NewChallengeRequest(
        Optional<String> factorSid,
        Optional<Instant> expirationDate,
        Optional<String> detailsMessage,
        List<DetailField> detailsFields,
        Optional<Map<String, String>> hiddenDetails,
        Optional<String> authPayload) {

    public NewChallengeRequest {
        detailsFields = List.copyOf(detailsFields);
    }
}
