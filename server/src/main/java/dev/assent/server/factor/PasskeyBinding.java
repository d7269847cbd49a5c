package dev.assent.server.factor;

import dev.assent.server.service.PasskeySettings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A passkeys factor's binding: the relying party settings it was created under (each value resolved
 * from its config, the service's or the default), the registration ceremony still open (until the
 * factor is verified), and the WebAuthn credential the authenticator made (once it is).
 *
 * @param config       the resolved settings: every value present
 * @param registration the registration challenge and its deadline, while the factor is unverified
 * @param credential   the credential, once verified
 */
public record PasskeyBinding(PasskeySettings config, Optional<Registration> registration, Optional<Credential> credential)
        implements FactorBinding {

    public PasskeyBinding {
        Objects.requireNonNull(config);
        Objects.requireNonNull(registration);
        Objects.requireNonNull(credential);
    }

    @Override
    public FactorType type() {
        return FactorType.PASSKEYS;
    }

    /** The challenge of an open registration ceremony (base64url, no padding) and when it closes. */
    public record Registration(String challenge, Instant expiresAt) {
        public Registration {
            Objects.requireNonNull(challenge);
            Objects.requireNonNull(expiresAt);
        }

        public boolean isDue(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /**
     * A registered WebAuthn credential (public, not secret): its id and WebAuthn4J's encoding of the
     * attested credential data (AAGUID, id, COSE public key), all base64url; the signature counter last
     * seen; and the flags and transports the registration reported.
     */
    public record Credential(String credentialId, String attestedCredentialData, long signCount, List<String> transports,
            String attestationFormat, boolean userVerified, boolean backupEligible, boolean backupState) {
        public Credential {
            Objects.requireNonNull(credentialId);
            Objects.requireNonNull(attestedCredentialData);
            transports = List.copyOf(transports);
            Objects.requireNonNull(attestationFormat);
        }
    }
}
