package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import java.util.Map;

/**
 * The parameters of UpdateChallenge: {@code AuthPayload} (a TOTP code, or a push device's signed
 * answer of at most 5456 characters) and {@code Metadata}.
 *
 * @param authPayload {@code AuthPayload}: the TOTP code or the device's signed answer, or null
 * @param metadata    {@code Metadata}: at most 1024 characters as JSON, or null
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge#update-a-challenge-resource">Twilio: Update a Challenge</a>
 */
public record UpdateChallengeParams(String authPayload, Map<String, String> metadata) {

    /** Checks the documented limits. */
    public UpdateChallengeParams {
        Check.maxLength("AuthPayload", authPayload, CreateChallengeParams.MAX_AUTH_PAYLOAD_LENGTH);
        metadata = Check.copy(metadata);
        Check.jsonObject("Metadata", metadata);
    }

    /** Only {@code AuthPayload}. */
    public static UpdateChallengeParams authPayload(String authPayload) {
        return new UpdateChallengeParams(Check.notNull("AuthPayload", authPayload), null);
    }

    Form toForm() {
        return new Form().add("AuthPayload", authPayload).add("Metadata", Check.jsonObject("Metadata", metadata));
    }
}
