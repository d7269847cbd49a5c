package dev.assent.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.service.PasskeySettings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A passkeys factor's binding in the factors row: settings and credential as the JSON document of
 * {@code passkey}; the counter, credential id and open registration in their own columns (the ones
 * conditional writes and lookups use).
 */
final class PasskeyColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PasskeyColumns() {
    }

    static String document(PasskeyBinding binding) {
        ObjectNode node = JSON.createObjectNode();
        PasskeySettings c = binding.config();
        ObjectNode config = node.putObject("config");
        config.put("rp_id", c.rpId().orElse(null));
        config.put("rp_name", c.rpName().orElse(null));
        var origins = config.putArray("origins");
        c.origins().forEach(origins::add);
        config.put("authenticator_attachment", c.authenticatorAttachment().map(PasskeySettings.Attachment::wireName).orElse(null));
        config.put("discoverable_credentials", c.discoverableCredentials().map(PasskeySettings.Requirement::wireName).orElse(null));
        config.put("user_verification", c.userVerification().map(PasskeySettings.Requirement::wireName).orElse(null));
        binding.credential().ifPresent(k -> {
            ObjectNode credential = node.putObject("credential");
            credential.put("id", k.credentialId());
            credential.put("attested_credential_data", k.attestedCredentialData());
            var transports = credential.putArray("transports");
            k.transports().forEach(transports::add);
            credential.put("format", k.attestationFormat());
            credential.put("uv", k.userVerified());
            credential.put("be", k.backupEligible());
            credential.put("bs", k.backupState());
        });
        return node.toString();
    }

    static String document(PasskeySettings config, PasskeyBinding.Credential credential) {
        return document(new PasskeyBinding(config, Optional.empty(), Optional.of(credential)));
    }

    static PasskeyBinding read(String document, Long signCount, String challenge, Long challengeExpiresAt) {
        JsonNode node;
        try {
            node = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt passkey document in the database", e);
        }
        JsonNode c = node.get("config");
        PasskeySettings config = new PasskeySettings(text(c, "rp_id"), text(c, "rp_name"), strings(c.get("origins")),
                text(c, "authenticator_attachment").flatMap(PasskeySettings.Attachment::fromWire),
                text(c, "discoverable_credentials").flatMap(PasskeySettings.Requirement::fromWire),
                text(c, "user_verification").flatMap(PasskeySettings.Requirement::fromWire));
        Optional<PasskeyBinding.Credential> credential = Optional.ofNullable(node.get("credential")).map(k -> new PasskeyBinding.Credential(
                k.get("id").asText(), k.get("attested_credential_data").asText(), signCount == null ? 0 : signCount,
                strings(k.get("transports")), k.get("format").asText(), k.get("uv").asBoolean(), k.get("be").asBoolean(),
                k.get("bs").asBoolean()));
        Optional<PasskeyBinding.Registration> registration = challenge == null ? Optional.empty()
                : Optional.of(new PasskeyBinding.Registration(challenge, Instant.ofEpochMilli(challengeExpiresAt)));
        return new PasskeyBinding(config, registration, credential);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
