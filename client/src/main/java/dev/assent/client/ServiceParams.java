package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;

/**
 * The parameters of CreateService and UpdateService: {@code FriendlyName} (required on create),
 * {@code Push.*}, {@code Totp.*} and {@code Passkeys.*}. The builder checks the documented ranges.
 *
 * @see <a href="https://www.twilio.com/docs/verify/api/service">Twilio: Service resource</a>
 */
public record ServiceParams(String friendlyName, Boolean pushIncludeDate, String pushApnCredentialSid,
                            String pushFcmCredentialSid, String totpIssuer, Integer totpTimeStep,
                            Integer totpCodeLength, Integer totpSkew, PasskeySettings passkeys) {

    public ServiceParams {
        Check.maxLength("FriendlyName", friendlyName, 32);
        if (pushApnCredentialSid != null) {
            Check.sid("Push.ApnCredentialSid", pushApnCredentialSid, "CR");
        }
        if (pushFcmCredentialSid != null) {
            Check.sid("Push.FcmCredentialSid", pushFcmCredentialSid, "CR");
        }
        Check.range("Totp.TimeStep", totpTimeStep, 20, 60);
        Check.range("Totp.CodeLength", totpCodeLength, 3, 8);
        Check.range("Totp.Skew", totpSkew, 0, 2);
    }

    /** A builder with the given {@code FriendlyName} (may be null for an update). */
    public static Builder builder(String friendlyName) {
        return new Builder(friendlyName);
    }

    Form toForm() {
        Form form = new Form()
                .add("FriendlyName", friendlyName)
                .add("Push.IncludeDate", pushIncludeDate)
                .add("Push.ApnCredentialSid", pushApnCredentialSid)
                .add("Push.FcmCredentialSid", pushFcmCredentialSid)
                .add("Totp.Issuer", totpIssuer)
                .add("Totp.TimeStep", totpTimeStep)
                .add("Totp.CodeLength", totpCodeLength)
                .add("Totp.Skew", totpSkew);
        if (passkeys != null) {
            passkeys.addTo(form);
        }
        return form;
    }

    /** Collects the optional parameters of a {@link ServiceParams}. */
    public static final class Builder {
        private final String friendlyName;
        private Boolean pushIncludeDate;
        private String pushApnCredentialSid;
        private String pushFcmCredentialSid;
        private String totpIssuer;
        private Integer totpTimeStep;
        private Integer totpCodeLength;
        private Integer totpSkew;
        private PasskeySettings passkeys;

        private Builder(String friendlyName) {
            this.friendlyName = friendlyName;
        }

        /** {@code Push.IncludeDate} (deprecated by Twilio). */
        public Builder pushIncludeDate(boolean value) {
            this.pushIncludeDate = value;
            return this;
        }

        /** {@code Push.ApnCredentialSid}: a {@code CR…} credential. */
        public Builder pushApnCredentialSid(String value) {
            this.pushApnCredentialSid = value;
            return this;
        }

        /** {@code Push.FcmCredentialSid}: a {@code CR…} credential. */
        public Builder pushFcmCredentialSid(String value) {
            this.pushFcmCredentialSid = value;
            return this;
        }

        /** {@code Totp.Issuer}: the issuer in TOTP URIs. */
        public Builder totpIssuer(String value) {
            this.totpIssuer = value;
            return this;
        }

        /** {@code Totp.TimeStep}: 20–60 seconds. */
        public Builder totpTimeStep(int value) {
            this.totpTimeStep = value;
            return this;
        }

        /** {@code Totp.CodeLength}: 3–8 digits. */
        public Builder totpCodeLength(int value) {
            this.totpCodeLength = value;
            return this;
        }

        /** {@code Totp.Skew}: 0–2 steps. */
        public Builder totpSkew(int value) {
            this.totpSkew = value;
            return this;
        }

        /** {@code Passkeys.*}: the relying party and authenticator criteria (only the members set are sent). */
        public Builder passkeys(PasskeySettings value) {
            this.passkeys = value;
            return this;
        }

        /** Checks the documented ranges and freezes the parameters. */
        public ServiceParams build() {
            return new ServiceParams(friendlyName, pushIncludeDate, pushApnCredentialSid, pushFcmCredentialSid,
                    totpIssuer, totpTimeStep, totpCodeLength, totpSkew, passkeys);
        }
    }
}
