package dev.assent.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.entity.Identity;
import dev.assent.server.factor.Factors;
import dev.assent.server.passkey.NewPasskeyFactor;
import dev.assent.server.passkey.PasskeyEncoding;
import dev.assent.server.passkey.PasskeyResponse;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.service.ServiceChanges;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the passkeys requests: the {@code Passkeys.*} form parameters of a Service, and the JSON
 * bodies of the four {@code /Passkeys} operations (the only JSON requests of Verify v2), by Twilio's
 * wire names ({@code friendly_name}, {@code config.relying_party.id}, WebAuthn's {@code rawId}, …).
 * Every value is bounded here; what depends on stored state is the passkey feature's to judge.
 */
final class PasskeyCommands {

    /** Nesting a passkeys body needs: {@code config.relying_party.origins[]} is four deep. */
    private static final int MAX_DEPTH = 8;
    /** The longest binary field (base64url): an attestation with a certificate chain fits in 16 KiB. */
    private static final int MAX_BINARY = 32 * 1024;
    private static final int MAX_TRANSPORTS = 8;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(64 * 1024).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private PasskeyCommands() {
    }

    /** The Service's {@code Passkeys.*} parameters; an empty value is no value (Twilio: "it can be empty"). */
    static ServiceChanges.Passkeys serviceSettings(Params p) {
        Input<String> rpId = Input.of("Passkeys.RelyingParty.Id",
                p.optionalBounded("Passkeys.RelyingParty.Id", PasskeySettings.MAX_RP_ID + 8).filter(v -> !v.isBlank()));
        Optional<String> rpName = p.optionalBounded("Passkeys.RelyingParty.Name", PasskeySettings.MAX_RP_NAME).filter(v -> !v.isBlank());
        Optional<String> originsText = p.optionalBounded("Passkeys.RelyingParty.Origins",
                PasskeySettings.MAX_ORIGINS * (PasskeySettings.MAX_ORIGIN + 1));
        Input<List<String>> origins = Input.of("Passkeys.RelyingParty.Origins", originsText.filter(v -> !v.isBlank())
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList()));
        return new ServiceChanges.Passkeys(rpId, rpName, origins,
                p.optional("Passkeys.AuthenticatorAttachment").filter(v -> !v.isEmpty())
                        .map(v -> PasskeySettings.Attachment.fromWire(v).orElseThrow(() -> ApiException.invalidParameter(
                                "Passkeys.AuthenticatorAttachment", v, "must be platform, cross-platform or any"))),
                requirement(p, "Passkeys.DiscoverableCredentials"), requirement(p, "Passkeys.UserVerification"));
    }

    private static Optional<PasskeySettings.Requirement> requirement(Params p, String name) {
        return p.optional(name).filter(v -> !v.isEmpty()).map(v -> PasskeySettings.Requirement.fromWire(v).orElseThrow(
                () -> ApiException.invalidParameter(name, v, "must be required, preferred or discouraged")));
    }

    /** A JSON object body (UTF-8; the body was read as bytes, one char each). */
    static JsonNode body(String body) {
        return body(body, false);
    }

    /**
     * As {@link #body(String)}; with {@code emptyIsObject}, no body or {@code null} reads as {@code {}}
     * (a discoverable login: twilio-java sends {@code null} when no request object was set).
     */
    static JsonNode body(String body, boolean emptyIsObject) {
        if (emptyIsObject && (body == null || body.isBlank() || body.trim().equals("null"))) {
            return JSON.createObjectNode();
        }
        if (body == null || body.isBlank()) {
            throw new ApiException(ApiError.INVALID_REQUEST, "The request body must be a JSON object");
        }
        JsonNode node;
        try (JsonParser parser = JSON.createParser(body.getBytes(StandardCharsets.ISO_8859_1))) {
            node = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ApiException(ApiError.INVALID_REQUEST, "The request body must be one JSON object");
            }
        } catch (IOException e) {
            throw new ApiException(ApiError.INVALID_REQUEST, "The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiError.INVALID_REQUEST, "The request body must be a JSON object");
        }
        return node;
    }

    /** {@code {friendly_name, identity, config?}}: CreateNewFactorPasskey. */
    static NewPasskeyFactor newFactor(JsonNode body) {
        String friendlyName = text(body, "friendly_name", Factors.MAX_FRIENDLY_NAME)
                .filter(v -> !v.isBlank()).orElseThrow(() -> ApiException.missingParameter("friendly_name"));
        String identity = Identity.require("identity", text(body, "identity", 256).orElse(null));
        PasskeySettings config = PasskeySettings.DEFAULT;
        JsonNode c = body.get("config");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw ApiException.invalidParameter("config", null, "must be an object");
            }
            Optional<String> rpId = Optional.empty();
            Optional<String> rpName = Optional.empty();
            List<String> origins = List.of();
            JsonNode rp = c.get("relying_party");
            if (rp != null && !rp.isNull()) {
                if (!rp.isObject()) {
                    throw ApiException.invalidParameter("config.relying_party", null, "must be an object");
                }
                rpId = text(rp, "config.relying_party.id", "id", PasskeySettings.MAX_RP_ID + 8).filter(v -> !v.isBlank())
                        .map(PasskeySettings::requireRpId);
                rpName = text(rp, "config.relying_party.name", "name", PasskeySettings.MAX_RP_NAME).filter(v -> !v.isBlank());
                origins = strings(rp, "config.relying_party.origins", "origins", PasskeySettings.MAX_ORIGINS, PasskeySettings.MAX_ORIGIN);
            }
            Optional<PasskeySettings.Attachment> attachment = text(c, "config.authenticator_attachment", "authenticator_attachment", 32)
                    .map(v -> PasskeySettings.Attachment.fromWire(v).orElseThrow(() -> ApiException.invalidParameter(
                            "config.authenticator_attachment", v, "must be platform, cross-platform or any")));
            config = new PasskeySettings(rpId, rpName, origins, attachment, requirement(c, "discoverable_credentials"),
                    requirement(c, "user_verification"));
        }
        return new NewPasskeyFactor(friendlyName, identity, config);
    }

    private static Optional<PasskeySettings.Requirement> requirement(JsonNode config, String field) {
        String name = "config." + field;
        return text(config, name, field, 32).map(v -> PasskeySettings.Requirement.fromWire(v).orElseThrow(
                () -> ApiException.invalidParameter(name, v, "must be required, preferred or discouraged")));
    }

    /** {@code {}}, {@code {identity}} or {@code {identity, factor_sid}}: CreateChallengePasskeys. */
    static Input<String> challengeIdentity(JsonNode body) {
        return Input.of("identity", text(body, "identity", 256).map(v -> Identity.require("identity", v)));
    }

    static Input<Sid> challengeFactor(JsonNode body) {
        return Input.of("factor_sid", text(body, "factor_sid", 64).map(v -> {
            if (!Sid.matches(SidType.FACTOR, v)) {
                throw ApiException.invalidParameter("factor_sid", v, "must be a YF SID");
            }
            return new Sid(SidType.FACTOR, v);
        }));
    }

    /** A {@code PublicKeyCredential} in WebAuthn's JSON: VerifyFactor's attestation, ApproveChallenge's assertion. */
    static PasskeyResponse credential(JsonNode body) {
        Optional<String> type = text(body, "type", 32);
        if (type.isPresent() && !type.get().equals("public-key")) {
            throw ApiException.invalidParameter("type", type.get(), "must be public-key");
        }
        JsonNode response = body.get("response");
        if (response == null || !response.isObject()) {
            throw ApiException.missingParameter("response");
        }
        String clientData = text(response, "response.clientDataJSON", "clientDataJSON", MAX_BINARY)
                .orElseThrow(() -> ApiException.missingParameter("response.clientDataJSON"));
        return new PasskeyResponse(
                text(body, "id", PasskeyEncoding.MAX_CREDENTIAL_ID_CHARS),
                text(body, "rawId", 2 * 1023),
                text(body, "authenticatorAttachment", 32),
                clientData,
                text(response, "response.attestationObject", "attestationObject", MAX_BINARY),
                strings(response, "response.transports", "transports", MAX_TRANSPORTS, 32),
                text(response, "response.authenticatorData", "authenticatorData", MAX_BINARY),
                text(response, "response.signature", "signature", MAX_BINARY),
                text(response, "response.userHandle", "userHandle", 256));
    }

    private static Optional<String> text(JsonNode node, String field, int maxLength) {
        return text(node, field, field, maxLength);
    }

    /** A string field ({@code null} is absent), at most {@code maxLength} characters, no control characters. */
    private static Optional<String> text(JsonNode node, String name, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalidParameter(name, null, "must be a string");
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw ApiException.invalidParameter(name, null, "must be at most " + maxLength + " characters");
        }
        if (Params.hasControl(text, false)) {
            throw ApiException.invalidParameter(name, null, "must not contain control characters");
        }
        return Optional.of(text);
    }

    private static List<String> strings(JsonNode node, String name, String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw ApiException.invalidParameter(name, null, "must be an array of at most " + maxItems + " strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().length() > maxLength || Params.hasControl(item.asText(), false)) {
                throw ApiException.invalidParameter(name, null, "must be an array of strings of at most " + maxLength + " characters");
            }
            items.add(item.asText());
        }
        return List.copyOf(items);
    }
}
