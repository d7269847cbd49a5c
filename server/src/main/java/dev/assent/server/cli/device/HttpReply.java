package dev.assent.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP answer from the server.
 *
 * @param status  the HTTP status
 * @param body    the body parsed as JSON, or {@code null} when it is empty or not JSON
 * @param headers the response headers (looked up case-insensitively)
 */
record HttpReply(int status, JsonNode body, HttpHeaders headers) {

    /** Success as the SDKs define it: any status below 300 (docs/push-protocol.md §1). */
    boolean ok() {
        return status < 300;
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** This reply if it is a success, else a {@link ServerRefusal} with the Twilio code and message. */
    HttpReply orThrow() {
        if (ok()) {
            return this;
        }
        JsonNode code = body == null ? null : body.path("code");
        if (code != null && code.canConvertToInt() && code.asInt() != 0) {
            String message = body.path("message").asText("");
            throw new ServerRefusal(status, code.asInt(), message.isBlank() ? "(no message)" : Text.safe(message));
        }
        throw new ServerRefusal(status, 0, body == null ? "not a Twilio error body" : null);
    }

    /** The body, which a successful reply of this API must have. */
    JsonNode json() {
        if (body == null || !body.isObject()) {
            throw DeviceCliException.refused("the server answered HTTP " + status + " without a JSON object body");
        }
        return body;
    }
}
