package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A challenge as one GET returned it: the whole JSON body and, for a pending push challenge, the
 * field names of its {@code Twilio-Verify-Signature-Fields} header, split on {@code ,} without trimming
 * as the SDKs do (docs/push-protocol.md §5.1).
 */
record FetchedChallenge(ObjectNode body, Optional<List<String>> signatureFields) {

    String sid() {
        return body.path("sid").asText();
    }

    String status() {
        return body.path("status").asText();
    }

    ChallengeView view() {
        return ChallengeView.of(body);
    }
}
