package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person wants to see of a challenge, read leniently from its JSON (missing parts are blank)
 * and made safe for the terminal with {@link Text#safe}.
 *
 * @param sid          {@code YC…}
 * @param status       {@code pending}, {@code approved}, {@code denied} or {@code expired}
 * @param message      {@code details.message}
 * @param fields       {@code details.fields} as label/value pairs, in order
 * @param hidden       {@code hidden_details}
 * @param created      {@code date_created}
 * @param expires      {@code expiration_date}
 * @param responded    {@code date_responded}, blank while pending
 * @param factorSid    {@code factor_sid}
 */
record ChallengeView(String sid, String status, String message, List<Map.Entry<String, String>> fields,
        Map<String, String> hidden, String created, String expires, String responded, String factorSid) {

    static ChallengeView of(JsonNode challenge) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (JsonNode field : challenge.path("details").path("fields")) {
            fields.add(Map.entry(text(field.path("label")), text(field.path("value"))));
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        challenge.path("hidden_details").properties().forEach(e -> hidden.put(Text.safe(e.getKey()), text(e.getValue())));
        return new ChallengeView(text(challenge.path("sid")), text(challenge.path("status")),
                text(challenge.path("details").path("message")), List.copyOf(fields), hidden,
                text(challenge.path("date_created")), text(challenge.path("expiration_date")),
                text(challenge.path("date_responded")), text(challenge.path("factor_sid")));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : Text.safe(node.isValueNode() ? node.asText() : node.toString());
    }

    /** One line for lists: sid, status, expiration, message. */
    String line() {
        return String.format("%s  %-8s  expires %s  %s", sid, status, expires, message.isEmpty() ? "(no message)" : message);
    }

    /** Every detail, one per line. */
    void printDetails(PrintWriter out) {
        out.println("Challenge " + sid);
        out.println("  Status:    " + status);
        out.println("  Message:   " + message);
        if (!fields.isEmpty()) {
            out.println("  Fields:");
            fields.forEach(f -> out.println("    " + f.getKey() + ": " + f.getValue()));
        }
        if (!hidden.isEmpty()) {
            out.println("  Hidden details:");
            hidden.forEach((k, v) -> out.println("    " + k + ": " + v));
        }
        out.println("  Created:   " + created);
        out.println("  Expires:   " + expires);
        if (!responded.isEmpty()) {
            out.println("  Responded: " + responded);
        }
        out.println("  Factor:    " + factorSid);
    }

    /** The message and fields, indented, as a notification would show them. */
    void printNotification(PrintWriter out) {
        out.println("New challenge " + sid + " (expires " + expires + ")");
        out.println("  " + (message.isEmpty() ? "(no message)" : message));
        fields.forEach(f -> out.println("    " + f.getKey() + ": " + f.getValue()));
    }
}
