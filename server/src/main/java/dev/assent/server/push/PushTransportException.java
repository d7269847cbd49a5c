package dev.assent.server.push;

/** The push could not be handed to the provider (connection, timeout, 429, 5xx): worth retrying. */
public final class PushTransportException extends Exception {

    public PushTransportException(String message) {
        super(message);
    }

    public PushTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
