package dev.assent.device.passkey;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to {@code navigator.credentials.get()}: the assertion JSON a browser's {@code PublicKeyCredential.toJSON()}
 * gives ({@code id}, {@code rawId}, {@code type}, {@code authenticatorAttachment},
 * {@code response{authenticatorData, clientDataJSON, signature, userHandle}}), as an RP backend posts it to
 * {@code Passkeys/ApproveChallenge}.
 *
 * @param json       the assertion JSON (a copy: change it freely)
 * @param credential the credential that signed, as stored afterwards
 * @param signCount  the counter in the signed authenticator data
 */
public record PasskeyAssertion(ObjectNode json, PasskeyCredential credential, long signCount) {

    public PasskeyAssertion {
        json = json.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
