package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import dev.assent.client.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of CreateChallenge: {@code FactorSid} (required), {@code AuthPayload},
 * {@code Details.Message}, {@code Details.Fields}, {@code ExpirationDate} and {@code HiddenDetails}.
 * {@link Builder#build()} checks the documented limits.
 *
 * @param authPayload    {@code AuthPayload}: a TOTP code that verifies the challenge at creation, or null
 * @param detailsFields  {@code Details.Fields}: at most 20 labelled lines, each sent as a JSON string
 * @param detailsMessage {@code Details.Message}: at most 256 characters, or null
 * @param expirationDate {@code ExpirationDate}: sent as {@code yyyy-MM-dd'T'HH:mm:ss'Z'}, or null
 * @param factorSid      {@code FactorSid}: the {@code YF…} factor (required)
 * @param hiddenDetails  {@code HiddenDetails}: at most 1024 characters as JSON, or null
 * @see <a href="https://www.twilio.com/docs/verify/api/challenge#create-a-challenge-resource">Twilio: Create a Challenge</a>
 */
public record CreateChallengeParams(
        String authPayload,
        List<DetailField> detailsFields,
        String detailsMessage,
        Instant expirationDate,
        String factorSid,
        Map<String, String> hiddenDetails) {

    /** Longest {@code Details.Message}. */
    public static final int MAX_MESSAGE_LENGTH = 256;
    /** Most {@code Details.Fields} entries. */
    public static final int MAX_FIELDS = 20;
    /** Longest field label. */
    public static final int MAX_LABEL_LENGTH = 36;
    /** Longest field value. */
    public static final int MAX_VALUE_LENGTH = 128;
    /** Longest {@code AuthPayload} (a push signature; TOTP codes are 3–8 digits, checked by the server). */
    public static final int MAX_AUTH_PAYLOAD_LENGTH = 5456;

    /** Checks the documented limits; throws {@link IllegalArgumentException} naming the parameter. */
    public CreateChallengeParams {
        Check.sid("FactorSid", factorSid, "YF");
        Check.maxLength("AuthPayload", authPayload, MAX_AUTH_PAYLOAD_LENGTH);
        Check.maxLength("Details.Message", detailsMessage, MAX_MESSAGE_LENGTH);
        detailsFields = detailsFields == null ? List.of() : List.copyOf(detailsFields);
        if (detailsFields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("Details.Fields must have at most " + MAX_FIELDS + " entries, had "
                    + detailsFields.size());
        }
        for (DetailField field : detailsFields) {
            Check.maxLength("Details.Fields label '" + field.label() + "'", field.label(), MAX_LABEL_LENGTH);
            Check.maxLength("Details.Fields value for '" + field.label() + "'", field.value(), MAX_VALUE_LENGTH);
        }
        hiddenDetails = Check.copy(hiddenDetails);
        Check.jsonObject("HiddenDetails", hiddenDetails);
    }

    /** A builder; {@code factorSid} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The form body, in the order twilio-java sends it. */
    Form toForm() {
        Form form = new Form()
                .add("FactorSid", factorSid)
                .add("ExpirationDate", Json.formatDate(expirationDate))
                .add("Details.Message", detailsMessage);
        for (DetailField field : detailsFields) {
            form.add("Details.Fields", Json.labelValue(field.label(), field.value()));
        }
        return form.add("HiddenDetails", hiddenDetails == null ? null : Check.jsonObject("HiddenDetails", hiddenDetails))
                .add("AuthPayload", authPayload);
    }

    /** Collects the optional parameters of a {@link CreateChallengeParams}. */
    public static final class Builder {
        private String authPayload;
        private final List<DetailField> detailsFields = new ArrayList<>();
        private String detailsMessage;
        private Instant expirationDate;
        private String factorSid;
        private Map<String, String> hiddenDetails;

        private Builder() {
        }

        /** {@code FactorSid}: the {@code YF…} factor to challenge (required). */
        public Builder factorSid(String factorSid) {
            this.factorSid = factorSid;
            return this;
        }

        /** {@code AuthPayload}: a TOTP code, which verifies the challenge at creation. */
        public Builder authPayload(String authPayload) {
            this.authPayload = authPayload;
            return this;
        }

        /** {@code Details.Message}: the text of the push notification, at most 256 characters. */
        public Builder detailsMessage(String detailsMessage) {
            this.detailsMessage = detailsMessage;
            return this;
        }

        /** {@code Details.Fields}: replaces the fields collected so far. */
        public Builder detailsFields(List<DetailField> fields) {
            this.detailsFields.clear();
            this.detailsFields.addAll(fields);
            return this;
        }

        /** Appends one {@code Details.Fields} entry. */
        public Builder addDetailsField(String label, String value) {
            this.detailsFields.add(new DetailField(label, value));
            return this;
        }

        /** {@code ExpirationDate}: default creation + 5 minutes, at most + 60 minutes (checked by the server). */
        public Builder expirationDate(Instant expirationDate) {
            this.expirationDate = expirationDate;
            return this;
        }

        /** {@code HiddenDetails}: string pairs not shown to the user, at most 1024 characters as JSON. */
        public Builder hiddenDetails(Map<String, String> hiddenDetails) {
            this.hiddenDetails = hiddenDetails;
            return this;
        }

        /** Checks the documented limits and freezes the parameters. */
        public CreateChallengeParams build() {
            return new CreateChallengeParams(authPayload, detailsFields, detailsMessage, expirationDate, factorSid,
                    hiddenDetails);
        }
    }
}
