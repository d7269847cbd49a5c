package dev.assent.server.credential;

import java.util.Objects;

/**
 * A credential's key material. Each kind's {@code toString} is redacted, so a secret never reaches a
 * log line by accident.
 */
public sealed interface CredentialSecret {

    CredentialType type();

    /** APNs certificate-based: the client certificate and its private key, both PEM. */
    record ApnsCertificate(String certificatePem, String privateKeyPem) implements CredentialSecret {
        public ApnsCertificate {
            Objects.requireNonNull(certificatePem);
            Objects.requireNonNull(privateKeyPem);
        }

        @Override
        public CredentialType type() {
            return CredentialType.APN;
        }

        @Override
        public String toString() {
            return "ApnsCertificate[redacted]";
        }
    }

    /** APNs token-based: the .p8 signing key (PEM), its key id and the team id. */
    record ApnsToken(String signingKeyPem, String keyId, String teamId) implements CredentialSecret {
        public ApnsToken {
            Objects.requireNonNull(signingKeyPem);
            Objects.requireNonNull(keyId);
            Objects.requireNonNull(teamId);
        }

        @Override
        public CredentialType type() {
            return CredentialType.APN;
        }

        @Override
        public String toString() {
            return "ApnsToken[keyId=" + keyId + ", teamId=" + teamId + ", key=redacted]";
        }
    }

    /** FCM: the Google service-account JSON (project_id, client_email, private_key, token_uri). */
    record FcmServiceAccount(String json) implements CredentialSecret {
        public FcmServiceAccount {
            Objects.requireNonNull(json);
        }

        @Override
        public CredentialType type() {
            return CredentialType.FCM;
        }

        @Override
        public String toString() {
            return "FcmServiceAccount[redacted]";
        }
    }
}
