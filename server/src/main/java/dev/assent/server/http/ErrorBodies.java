package dev.assent.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.api.ApiError;

/** The Twilio error body: {@code {code, message, more_info, status}}. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static ObjectNode of(ApiError error, String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("code", error.code());
        node.put("message", message == null ? error.message() : message);
        node.put("more_info", error.moreInfo());
        node.put("status", error.httpStatus());
        return node;
    }
}
