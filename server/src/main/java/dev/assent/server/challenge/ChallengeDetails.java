package dev.assent.server.challenge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a push challenge shows the user: a message, up to 20 fields, and (only with the deprecated
 * {@code Push.IncludeDate} service setting) the creation date.
 */
public record ChallengeDetails(Optional<String> message, List<DetailField> fields, Optional<Instant> date) {

    public static final int MAX_MESSAGE = 256;
    public static final int MAX_FIELDS = 20;

    public ChallengeDetails {
        fields = List.copyOf(fields);
    }
}
