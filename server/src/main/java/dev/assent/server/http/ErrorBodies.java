package dev.assent.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.api.ApiError;

/** The Twilio error body: {@code {code, message, more_info, status}}. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static ObjectNode of(ApiError error, String message) {
        return of(error.httpStatus(), error.code(), message == null ? error.message() : message);
    }

    /** A body for a status outside the catalogue, such as the framing errors Helidon answers itself. */
    static ObjectNode of(int status, int code, String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("code", code);
        node.put("message", message);
        node.put("more_info", ApiError.moreInfo(code));
        node.put("status", status);
        return node;
    }
}
