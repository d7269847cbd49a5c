package dev.assent.server.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The payload keys of docs/push-protocol.md §7, for each provider. */
final class PushPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPayloads() {
    }

    /** The keys Twilio's sample apps read: FCM's data map, and APNs' custom top-level keys. */
    static Map<String, String> data(PushMessage m) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", PushMessage.TYPE);
        data.put("challenge_sid", m.challengeSid().value());
        data.put("factor_sid", m.factorSid().value());
        data.put("message", m.message());
        return data;
    }

    /** APNs: {@code aps.alert} carries the message, the keys sit beside {@code aps}. */
    static String apns(PushMessage m) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("aps").put("alert", m.message());
        data(m).forEach(root::put);
        return root.toString();
    }
}
