package dev.assent.server.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.NullSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.service.PasskeySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * WebAuthn verification of registrations (attestation) and logins (assertion), by WebAuthn4J: the
 * challenge, origin, relying party id hash, user presence and (as configured) verification, the
 * signature with the credential's ES256 or RS256 key, the counter, and the attestation statement of
 * each format WebAuthn defines ({@code none}, {@code packed}, {@code fido-u2f}, {@code android-key},
 * {@code android-safetynet}, {@code tpm}, {@code apple}) by WebAuthn4J's verifier of that format: its
 * signature and structure are checked, its certificate chain is not judged against a trust store (no
 * metadata service). Any other {@code fmt}, and any statement that does not verify, is 60387. Each
 * refusal is Twilio's passkeys code.
 */
public final class WebAuthnCeremonies {

    /** The algorithms a passkey may use, in the order the creation options offer them. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -257L);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<PublicKeyCredentialParameters> PARAMETERS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final WebAuthnManager manager;
    private final AttestedCredentialDataConverter credentialData;

    public WebAuthnCeremonies() {
        ObjectConverter converter = new ObjectConverter();
        // WebAuthn4J's non-strict manager verifies no attestation statement at all (Null* verifiers):
        // here every format's statement is checked by its real verifier (signature, structure, the
        // statement's certificate bound to the credential). The trust in certificate chains and self
        // attestation stays as non-strict has it (not judged: no trust anchors, no metadata service).
        // A format none of these supports is refused by WebAuthn4J ("not configured"): 60387.
        this.manager = new WebAuthnManager(List.of(
                new NoneAttestationStatementVerifier(),
                new PackedAttestationStatementVerifier(),
                new FIDOU2FAttestationStatementVerifier(),
                new AndroidKeyAttestationStatementVerifier(),
                new AndroidSafetyNetAttestationStatementVerifier(),
                new TPMAttestationStatementVerifier(),
                new AppleAnonymousAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), new NullSelfAttestationTrustworthinessVerifier(), converter);
        this.credentialData = new AttestedCredentialDataConverter(converter);
    }

    /** The {@code challenge} of a response's {@code clientDataJSON}, in canonical base64url; 60391 if there is none. */
    public static String challengeOf(PasskeyResponse response) {
        byte[] bytes = PasskeyEncoding.decode(response.clientDataJson())
                .orElseThrow(() -> invalidClientData("clientDataJSON is not base64url"));
        JsonNode clientData;
        try {
            clientData = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalidClientData("clientDataJSON is not JSON");
        }
        JsonNode challenge = clientData == null ? null : clientData.get("challenge");
        if (challenge == null || !challenge.isTextual()) {
            throw new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "clientDataJSON has no challenge");
        }
        return PasskeyEncoding.canonical(challenge.asText())
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "The challenge in clientDataJSON is not base64url"));
    }

    private static ApiException invalidClientData(String why) {
        return new ApiException(ApiError.INVALID_REQUEST, "Invalid parameter response.clientDataJSON: " + why);
    }

    /**
     * Verifies an attestation for the open registration {@code challenge} under {@code config}, and
     * returns the credential it registers (counter as the authenticator reported it).
     */
    public PasskeyBinding.Credential verifyRegistration(PasskeyResponse response, PasskeySettings config, String challenge) {
        String attestation = response.attestationObject()
                .orElseThrow(() -> new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "response.attestationObject is missing"));
        RegistrationData parsed;
        try {
            parsed = manager.parseRegistrationResponseJSON(normalised(response, Optional.empty(), true));
        } catch (DataConversionException | JacksonException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "The attestation object cannot be read");
        }
        if (parsed.getAttestationObject() == null || parsed.getAttestationObject().getAuthenticatorData() == null
                || parsed.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null) {
            throw new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "The attestation has no attested credential data");
        }
        AuthenticatorData<?> authData = parsed.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authData.getAttestedCredentialData();
        // The credential the response names must be the one the authenticator attested.
        byte[] id = PasskeyEncoding.credentialId(response.id(), response.rawId(), Optional.of(credential.getCredentialId()));
        if (!java.util.Arrays.equals(id, credential.getCredentialId())) {
            throw PasskeyEncoding.rawIdInvalid("id does not match the attested credential");
        }
        if (attestation.isEmpty()) {
            throw new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "response.attestationObject is empty");
        }
        boolean uvRequired = config.userVerification().orElse(PasskeySettings.Requirement.PREFERRED) == PasskeySettings.Requirement.REQUIRED;
        RegistrationParameters parameters = new RegistrationParameters(server(config, challenge), PARAMETERS, uvRequired, true);
        try {
            manager.verify(parsed, parameters);
        } catch (VerificationException e) {
            throw refusal(e, true);
        } catch (RuntimeException e) {
            // The statement verifiers read attacker-chosen structures (certificates, TPM areas): one
            // they trip over (a key of the wrong type, a missing extension) is a statement that does not verify.
            throw new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "Attestation statement invalid: "
                    + e.getClass().getSimpleName());
        }
        Set<String> transports = new LinkedHashSet<>(response.transports());
        if (parsed.getTransports() != null) {
            parsed.getTransports().forEach(t -> transports.add(t.getValue()));
        }
        return new PasskeyBinding.Credential(PasskeyEncoding.base64Url(credential.getCredentialId()),
                PasskeyEncoding.base64Url(credentialData.convert(credential)), authData.getSignCount(), List.copyOf(transports),
                parsed.getAttestationObject().getFormat(), authData.isFlagUV(), authData.isFlagBE(), authData.isFlagBS());
    }

    /**
     * Verifies an assertion by {@code credential} for the login {@code challenge} under {@code config},
     * and returns the signature counter the authenticator reported (to be stored conditionally).
     */
    public long verifyAssertion(PasskeyResponse response, PasskeySettings config, String challenge, PasskeyBinding.Credential credential,
            boolean userVerificationRequired) {
        if (response.authenticatorData().isEmpty() || response.signature().isEmpty()) {
            throw new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID, "response.authenticatorData and response.signature are required");
        }
        byte[] id = PasskeyEncoding.decode(credential.credentialId()).orElseThrow();
        AuthenticationData parsed;
        try {
            parsed = manager.parseAuthenticationResponseJSON(normalised(response, Optional.of(id), false));
        } catch (DataConversionException | JacksonException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID, "The assertion cannot be read");
        }
        AttestedCredentialData attested = credentialData.convert(PasskeyEncoding.decode(credential.attestedCredentialData()).orElseThrow());
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), credential.userVerified(),
                credential.backupEligible(), credential.backupState(), credential.signCount(), attested, null, null, null,
                credential.transports().stream().map(AuthenticatorTransport::create).collect(java.util.stream.Collectors.toSet()));
        AuthenticationParameters parameters = new AuthenticationParameters(server(config, challenge), record, List.of(id),
                userVerificationRequired, true);
        try {
            manager.verify(parsed, parameters);
        } catch (VerificationException e) {
            throw refusal(e, false);
        }
        return parsed.getAuthenticatorData().getSignCount();
    }

    private static ServerProperty server(PasskeySettings config, String challenge) {
        Set<Origin> origins = new LinkedHashSet<>();
        config.origins().forEach(o -> origins.add(new Origin(o)));
        return ServerProperty.builder().origins(origins).rpId(config.rpId().orElseThrow()).challenge(new DefaultChallenge(challenge))
                .build();
    }

    /**
     * The response as WebAuthn4J reads it (WebAuthn's {@code RegistrationResponseJSON} or
     * {@code AuthenticationResponseJSON}): {@code id} and {@code rawId} both the credential id in
     * base64url (whatever spelling arrived), binary fields in canonical base64url, no extension results.
     */
    private static String normalised(PasskeyResponse r, Optional<byte[]> credentialId, boolean registration) {
        ObjectNode node = JSON.createObjectNode();
        byte[] id = credentialId.orElseGet(() -> PasskeyEncoding.credentialId(r.id(), r.rawId(), Optional.empty()));
        String idText = PasskeyEncoding.base64Url(id);
        node.put("id", idText);
        node.put("rawId", idText);
        node.put("type", "public-key");
        r.authenticatorAttachment().filter(a -> a.equals("platform") || a.equals("cross-platform"))
                .ifPresent(a -> node.put("authenticatorAttachment", a));
        ObjectNode response = node.putObject("response");
        response.put("clientDataJSON", canonicalField("clientDataJSON", r.clientDataJson()));
        if (registration) {
            response.put("attestationObject", canonicalField("attestationObject", r.attestationObject().orElse("")));
            var transports = response.putArray("transports");
            r.transports().forEach(transports::add);
        } else {
            response.put("authenticatorData", canonicalField("authenticatorData", r.authenticatorData().orElse("")));
            response.put("signature", canonicalField("signature", r.signature().orElse("")));
            r.userHandle().ifPresent(h -> response.put("userHandle", canonicalField("userHandle", h)));
        }
        node.putObject("clientExtensionResults");
        return node.toString();
    }

    private static String canonicalField(String name, String value) {
        return PasskeyEncoding.canonical(value).orElseThrow(() -> new ApiException(ApiError.INVALID_REQUEST,
                "Invalid parameter response." + name + ": must be base64url"));
    }

    /** Twilio's passkeys code for WebAuthn4J's refusal. */
    private static ApiException refusal(VerificationException e, boolean registration) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return switch (e) {
            case BadOriginException x -> new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID, "Origin not allowed: " + detail);
            case CrossOriginException x -> new ApiException(ApiError.PASSKEY_RELYING_PARTY_INVALID, "Cross-origin ceremony: " + detail);
            case BadRpIdException x -> new ApiException(ApiError.PASSKEY_RP_ID_INVALID, "Relying party id hash mismatch: " + detail);
            case BadChallengeException x -> new ApiException(ApiError.PASSKEY_CHALLENGE_NOT_FOUND, "Challenge mismatch: " + detail);
            // A registration signs nothing but its attestation statement: a bad signature there is the statement's.
            case BadSignatureException x when registration -> new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID,
                    "Attestation statement signature invalid: " + detail);
            case BadSignatureException x -> new ApiException(ApiError.PASSKEY_SIGNATURE_INVALID, "Signature invalid: " + detail);
            case MaliciousCounterValueException x -> new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID,
                    "Signature counter did not increase: the credential may be cloned");
            case UserNotVerifiedException x -> new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID,
                    "User verification is required: " + detail);
            case UserNotPresentException x -> new ApiException(ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID, "User presence is required");
            case NotAllowedCredentialIdException x -> new ApiException(ApiError.PASSKEY_RAW_ID_INVALID, "Credential not allowed");
            case NotAllowedAlgorithmException x -> new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID, "Algorithm not allowed: " + detail);
            case InconsistentClientDataTypeException x -> new ApiException(ApiError.INVALID_REQUEST,
                    "clientDataJSON type is not webauthn." + (registration ? "create" : "get"));
            case BadAttestationStatementException x -> new ApiException(ApiError.PASSKEY_ATTESTATION_INVALID,
                    "Attestation statement invalid: " + detail);
            default -> new ApiException(registration ? ApiError.PASSKEY_ATTESTATION_INVALID : ApiError.PASSKEY_AUTHENTICATOR_DATA_INVALID,
                    "WebAuthn verification failed: " + detail);
        };
    }
}
