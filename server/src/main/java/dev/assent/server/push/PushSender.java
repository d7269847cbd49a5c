package dev.assent.server.push;

import dev.assent.server.credential.Credential;

/** Sends one push with one credential to one provider. */
public interface PushSender extends AutoCloseable {

    PushResult send(Credential credential, PushMessage message) throws PushTransportException;

    @Override
    default void close() {
    }
}
