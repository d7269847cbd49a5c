package dev.assent.server.challenge;

import dev.assent.server.api.Input;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A challenge-creation request, its parameters parsed; those a rule may refuse are named as the
 * request named them. {@code detailsFields} is absent when no field was sent.
 */
public record NewChallengeRequest(
        Input<Sid> factorSid,
        Input<Instant> expirationDate,
        Input<String> detailsMessage,
        Input<List<DetailField>> detailsFields,
        Optional<Map<String, String>> hiddenDetails,
        Input<String> authPayload) {

    public NewChallengeRequest {
        detailsFields = detailsFields.map(List::copyOf);
    }
}
