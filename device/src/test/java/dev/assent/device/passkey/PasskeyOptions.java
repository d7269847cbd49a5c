package dev.assent.device.passkey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;

/** Creation and request options shaped as Assent's Passkeys API emits them ({@code {"publicKey": {...}}}). */
final class PasskeyOptions {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasskeyOptions() {
    }

    static byte[] randomChallenge() {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        return challenge;
    }

    static ObjectNode creation(String rpId, byte[] challenge, byte[] userId, String attestation, String userVerification) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode options = root.putObject("publicKey");
        options.putObject("rp").put("id", rpId).put("name", "Example");
        options.putObject("user").put("id", Base64.getUrlEncoder().withoutPadding().encodeToString(userId))
                .put("name", "alice").put("displayName", "Alice");
        options.put("challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
        options.putArray("pubKeyCredParams").addObject().put("type", "public-key").put("alg", -7);
        options.withArray("pubKeyCredParams").addObject().put("type", "public-key").put("alg", -257);
        options.put("timeout", 600000);
        options.putArray("excludeCredentials");
        options.putObject("authenticatorSelection").put("authenticatorAttachment", "platform")
                .put("residentKey", "preferred").put("requireResidentKey", false)
                .put("userVerification", userVerification);
        options.put("attestation", attestation);
        return root;
    }

    static ObjectNode request(String rpId, byte[] challenge, String userVerification, String... allowedIds) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode options = root.putObject("publicKey");
        options.put("challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
        options.put("timeout", 300000);
        options.put("rpId", rpId);
        for (String id : allowedIds) {
            options.withArray("allowCredentials").addObject().put("id", id).put("type", "public-key")
                    .putArray("transports").add("internal");
        }
        if (allowedIds.length == 0) {
            options.putArray("allowCredentials");
        }
        options.put("userVerification", userVerification);
        return root;
    }
}
