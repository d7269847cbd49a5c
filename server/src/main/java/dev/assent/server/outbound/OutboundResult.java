package dev.assent.server.outbound;

import java.nio.charset.StandardCharsets;

/**
 * What became of an outbound call: the peer answered with a status (and, if asked for, a bounded
 * body), or the call failed for a coarse reason.
 */
public sealed interface OutboundResult {

    /** The peer answered. {@code body} is empty unless the request asked for it. */
    record Answered(int status, byte[] body) implements OutboundResult {
        public Answered {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean successful() {
            return status / 100 == 2;
        }

        /** {@code HTTP 2xx}, {@code HTTP 4xx}, …: the class only, so nothing of the peer is echoed. */
        public String summary() {
            return "HTTP " + Math.max(1, Math.min(9, status / 100)) + "xx";
        }

        @Override
        public String toString() {
            return "Answered[" + status + "]";
        }
    }

    /** The call did not get a (complete) answer. */
    record Failed(OutboundFailure reason) implements OutboundResult {
        @Override
        public String toString() {
            return "Failed[" + reason.text() + "]";
        }
    }

    /** A short, coarse text for logs and {@code last_error}. */
    default String summary() {
        return switch (this) {
            case Answered a -> a.summary();
            case Failed f -> f.reason().text();
        };
    }
}
