package dev.assent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.client.internal.Check;
import dev.assent.client.internal.Json;
import dev.assent.client.internal.Resources;
import dev.assent.client.internal.Transport;

/**
 * The Passkeys operations of Verify v2, under {@code /v2/Services/{ServiceSid}/Passkeys}: CreateNewFactorPasskey,
 * UpdatePasskeysFactor (VerifyFactor), CreateChallengePasskeys and UpdateChallengePasskeys (ApproveChallenge). Unlike
 * every other Verify v2 request, these send JSON bodies. The credentials a browser returns are passed through as
 * JSON text, as the browser's {@code PublicKeyCredential.toJSON()} made them. Obtain it from
 * {@link AssentClient#passkeys()}; it is thread-safe.
 *
 * <pre>{@code
 * PasskeyFactor created = client.passkeys().createPasskeyFactor(serviceSid, PasskeyFactorParams.of("Laptop", identity));
 * // the page runs navigator.credentials.create(PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey))
 * Factor verified = client.passkeys().verifyPasskeyFactor(serviceSid, credentialJson);
 * PasskeyChallenge login = client.passkeys().createPasskeyChallenge(serviceSid, PasskeyChallengeParams.discoverable());
 * // the page runs navigator.credentials.get(...)
 * Challenge approved = client.passkeys().approvePasskeyChallenge(serviceSid, assertionJson);
 * }</pre>
 *
 * @see <a href="https://www.twilio.com/docs/verify/api">Twilio Verify API</a>
 */
public final class PasskeysApi {

    /** The most characters of credential JSON sent (a browser's is a few kilobytes). */
    public static final int MAX_CREDENTIAL_JSON = 64 * 1024;

    private final Transport transport;

    PasskeysApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * CreateNewFactorPasskey: {@code POST …/Passkeys/Factors} with {@code {friendly_name, identity, config?}}.
     *
     * @return the {@code unverified} factor and the creation options for the browser
     * @throws AssentException          when the server answers with an error (60393: no authenticator criteria)
     * @throws IllegalArgumentException when an argument is outside the documented limits (nothing is sent)
     */
    public PasskeyFactor createPasskeyFactor(String serviceSid, PasskeyFactorParams params) {
        Check.notNull("params", params);
        JsonNode node = transport.postJson(transport.uri(path(serviceSid) + "/Factors", null), Json.write(params.toJson()));
        return new PasskeyFactor(Resources.factor(node), options(node));
    }

    /**
     * UpdatePasskeysFactor: {@code POST …/Passkeys/VerifyFactor} with the registration credential JSON
     * ({@code id, rawId, authenticatorAttachment, type, response{attestationObject, clientDataJSON, transports}}); the
     * server finds the factor from the challenge inside {@code clientDataJSON}.
     *
     * @param credentialJson the browser's credential, as JSON text
     * @return the factor, {@code verified}
     * @throws AssentException          when the server refuses the credential
     * @throws IllegalArgumentException when {@code credentialJson} is not a JSON object (nothing is sent)
     */
    public Factor verifyPasskeyFactor(String serviceSid, String credentialJson) {
        return Resources.factor(transport.postJson(transport.uri(path(serviceSid) + "/VerifyFactor", null),
                credential("credentialJson", credentialJson)));
    }

    /**
     * CreateChallengePasskeys: {@code POST …/Passkeys/Challenges} with {@code {}}, {@code {identity}} or
     * {@code {identity, factor_sid}}.
     *
     * @return the {@code pending} challenge and the request options for the browser
     */
    public PasskeyChallenge createPasskeyChallenge(String serviceSid, PasskeyChallengeParams params) {
        Check.notNull("params", params);
        JsonNode node = transport.postJson(transport.uri(path(serviceSid) + "/Challenges", null), Json.write(params.toJson()));
        return new PasskeyChallenge(Resources.challenge(node), options(node));
    }

    /**
     * UpdateChallengePasskeys: {@code POST …/Passkeys/ApproveChallenge} with the assertion JSON
     * ({@code id, rawId, authenticatorAttachment, type, response{authenticatorData, clientDataJSON, signature,
     * userHandle}}).
     *
     * @param assertionJson the browser's assertion, as JSON text
     * @return the challenge, {@code approved}, with its entity, identity and factor filled in
     * @throws AssentException          when the server refuses the assertion
     * @throws IllegalArgumentException when {@code assertionJson} is not a JSON object (nothing is sent)
     */
    public Challenge approvePasskeyChallenge(String serviceSid, String assertionJson) {
        return Resources.challenge(transport.postJson(transport.uri(path(serviceSid) + "/ApproveChallenge", null),
                credential("assertionJson", assertionJson)));
    }

    private static String options(JsonNode node) {
        JsonNode options = node.get("options");
        return options == null || options.isNull() ? null : Json.write(options);
    }

    private static String credential(String name, String json) {
        Check.notNull(name, json);
        if (json.length() > MAX_CREDENTIAL_JSON) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_CREDENTIAL_JSON + " characters, was "
                    + json.length());
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(name + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(name + " must be a JSON object");
        }
        return json;
    }

    static String path(String serviceSid) {
        return ServicesApi.instancePath(serviceSid) + "/Passkeys";
    }
}
