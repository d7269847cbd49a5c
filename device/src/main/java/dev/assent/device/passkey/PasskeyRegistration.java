package dev.assent.device.passkey;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to {@code navigator.credentials.create()}: the registration credential JSON a browser's
 * {@code PublicKeyCredential.toJSON()} gives ({@code id}, {@code rawId}, {@code type}, {@code authenticatorAttachment},
 * {@code response{clientDataJSON, attestationObject, transports}}), as an RP backend posts it to
 * {@code Passkeys/VerifyFactor}, and the credential the authenticator now holds.
 *
 * @param json       the credential JSON (a copy: change it freely)
 * @param credential the stored credential, counter 0
 */
public record PasskeyRegistration(ObjectNode json, PasskeyCredential credential) {

    public PasskeyRegistration {
        json = json.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The decoded {@code response.clientDataJSON}. */
    public String clientDataJson() {
        return new String(WebAuthnEncoding.decode(json.path("response").path("clientDataJSON").asText(null),
                "clientDataJSON"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
