package dev.assent.device.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import java.util.List;

/**
 * The independent verifier: WebAuthn4J checks what {@link SoftwareAuthenticator} produced as a relying party would
 * (origin, RP id, challenge, flags, attestation and assertion signatures, counter). Shares no code with it.
 */
final class WebAuthnOracle {

    /**
     * The real {@code none} and {@code packed} statement verifiers (the non-strict manager's packed one checks
     * nothing), self attestation trusted, no certificate path (this authenticator has no attestation CA).
     */
    private final WebAuthnManager manager = new WebAuthnManager(
            List.of(new NoneAttestationStatementVerifier(), new PackedAttestationStatementVerifier()),
            new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier());
    private final String origin;
    private final String rpId;

    WebAuthnOracle(String origin, String rpId) {
        this.origin = origin;
        this.rpId = rpId;
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder().origin(new Origin(origin)).rpId(rpId).challenge(new DefaultChallenge(challenge))
                .build();
    }

    /** Verifies a registration JSON; returns the credential record an RP would store. */
    CredentialRecord register(JsonNode credentialJson, byte[] challenge, boolean userVerificationRequired) {
        RegistrationData data = manager.parseRegistrationResponseJSON(credentialJson.toString());
        manager.verify(data, new RegistrationParameters(server(challenge),
                List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
                        new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256)),
                userVerificationRequired, true));
        return new CredentialRecordImpl(data.getAttestationObject(), data.getCollectedClientData(),
                data.getClientExtensions(), data.getTransports());
    }

    /** Parses a registration without verifying it. */
    RegistrationData parseRegistration(JsonNode credentialJson) {
        return manager.parseRegistrationResponseJSON(credentialJson.toString());
    }

    /** Verifies an assertion against {@code record} and, as an RP does, stores its counter there. */
    AuthenticationData authenticate(JsonNode assertionJson, byte[] challenge, CredentialRecord record,
                                    boolean userVerificationRequired) {
        AuthenticationData data = manager.parseAuthenticationResponseJSON(assertionJson.toString());
        manager.verify(data, new AuthenticationParameters(server(challenge), record,
                List.of(record.getAttestedCredentialData().getCredentialId()), userVerificationRequired, true));
        record.setCounter(data.getAuthenticatorData().getSignCount());
        return data;
    }
}
