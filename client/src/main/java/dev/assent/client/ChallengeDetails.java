package dev.assent.client;

import java.time.Instant;
import java.util.List;

/**
 * The details a challenge shows the user ({@code details}): the message, the labelled fields, and the
 * creation date when the service still uses the deprecated {@code Push.IncludeDate}.
 *
 * @param message the {@code Details.Message}, or null
 * @param date    the {@code details.date}, or null
 * @param fields  the {@code Details.Fields}, never null
 */
public record ChallengeDetails(String message, Instant date, List<DetailField> fields) {

    /** Copies the fields. */
    public ChallengeDetails {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
