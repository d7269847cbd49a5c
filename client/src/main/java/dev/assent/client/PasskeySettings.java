package dev.assent.client;

import dev.assent.client.internal.Check;
import dev.assent.client.internal.Form;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passkeys settings: the relying party (id, name, allowed origins) and the authenticator criteria. A service holds
 * them ({@code passkeys}; sent as {@code Passkeys.*} on CreateService/UpdateService) and a passkeys factor may
 * override them ({@code config} of {@code POST …/Passkeys/Factors}). Any member may be null (not set).
 *
 * @param relyingPartyId          the RP id: a domain, no scheme or port ({@code example.com})
 * @param relyingPartyName        the RP's name shown by the browser
 * @param relyingPartyOrigins     exact origins allowed ({@code https://login.example.com},
 *                                {@code android:apk-key-hash:…}); empty when not set
 * @param authenticatorAttachment platform, cross-platform or any
 * @param discoverableCredentials whether the passkey must be discoverable (usernameless login)
 * @param userVerification        whether the authenticator must verify the user (PIN, biometrics)
 * @see <a href="https://www.twilio.com/docs/verify/api/service">Twilio: Service resource</a>
 */
public record PasskeySettings(String relyingPartyId, String relyingPartyName, List<String> relyingPartyOrigins,
                              AuthenticatorAttachment authenticatorAttachment,
                              PasskeyRequirement discoverableCredentials, PasskeyRequirement userVerification) {

    public PasskeySettings {
        relyingPartyOrigins = relyingPartyOrigins == null ? List.of() : List.copyOf(relyingPartyOrigins);
        Check.maxLength("Passkeys.RelyingParty.Id", relyingPartyId, 253);
        Check.maxLength("Passkeys.RelyingParty.Name", relyingPartyName, 255);
        if (relyingPartyId != null && (relyingPartyId.contains("/") || relyingPartyId.contains(":"))) {
            throw new IllegalArgumentException("Passkeys.RelyingParty.Id must be a domain without scheme or port: '"
                    + relyingPartyId + "'");
        }
        for (String origin : relyingPartyOrigins) {
            if (origin.isBlank() || origin.contains(",")) {
                throw new IllegalArgumentException("Passkeys.RelyingParty.Origins: each origin must be non-empty and"
                        + " without commas: '" + origin + "'");
            }
        }
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code Passkeys.*} form parameters of CreateService/UpdateService (origins comma-separated). */
    void addTo(Form form) {
        form.add("Passkeys.RelyingParty.Id", relyingPartyId)
                .add("Passkeys.RelyingParty.Name", relyingPartyName)
                .add("Passkeys.RelyingParty.Origins", relyingPartyOrigins.isEmpty() ? null
                        : String.join(",", relyingPartyOrigins))
                .add("Passkeys.AuthenticatorAttachment", authenticatorAttachment == null ? null : authenticatorAttachment.wire())
                .add("Passkeys.DiscoverableCredentials", discoverableCredentials == null ? null : discoverableCredentials.wire())
                .add("Passkeys.UserVerification", userVerification == null ? null : userVerification.wire());
    }

    /** The factor's {@code config} object, members that are set only, in the spec's order. */
    Map<String, Object> toConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> relyingParty = new LinkedHashMap<>();
        if (relyingPartyId != null) {
            relyingParty.put("id", relyingPartyId);
        }
        if (relyingPartyName != null) {
            relyingParty.put("name", relyingPartyName);
        }
        if (!relyingPartyOrigins.isEmpty()) {
            relyingParty.put("origins", relyingPartyOrigins);
        }
        if (!relyingParty.isEmpty()) {
            config.put("relying_party", relyingParty);
        }
        if (authenticatorAttachment != null) {
            config.put("authenticator_attachment", authenticatorAttachment.wire());
        }
        if (discoverableCredentials != null) {
            config.put("discoverable_credentials", discoverableCredentials.wire());
        }
        if (userVerification != null) {
            config.put("user_verification", userVerification.wire());
        }
        return config;
    }

    /** Collects the members of a {@link PasskeySettings}. */
    public static final class Builder {
        private String relyingPartyId;
        private String relyingPartyName;
        private final List<String> relyingPartyOrigins = new ArrayList<>();
        private AuthenticatorAttachment authenticatorAttachment;
        private PasskeyRequirement discoverableCredentials;
        private PasskeyRequirement userVerification;

        private Builder() {
        }

        /** {@code RelyingParty.Id}: a domain ({@code example.com}). */
        public Builder relyingPartyId(String value) {
            this.relyingPartyId = value;
            return this;
        }

        /** {@code RelyingParty.Name}. */
        public Builder relyingPartyName(String value) {
            this.relyingPartyName = value;
            return this;
        }

        /** {@code RelyingParty.Origins}: adds exact origins. */
        public Builder relyingPartyOrigins(String... values) {
            this.relyingPartyOrigins.addAll(List.of(values));
            return this;
        }

        /** {@code AuthenticatorAttachment}. */
        public Builder authenticatorAttachment(AuthenticatorAttachment value) {
            this.authenticatorAttachment = value;
            return this;
        }

        /** {@code DiscoverableCredentials}. */
        public Builder discoverableCredentials(PasskeyRequirement value) {
            this.discoverableCredentials = value;
            return this;
        }

        /** {@code UserVerification}. */
        public Builder userVerification(PasskeyRequirement value) {
            this.userVerification = value;
            return this;
        }

        /** Checks the members and freezes them. */
        public PasskeySettings build() {
            return new PasskeySettings(relyingPartyId, relyingPartyName, relyingPartyOrigins, authenticatorAttachment,
                    discoverableCredentials, userVerification);
        }
    }
}
