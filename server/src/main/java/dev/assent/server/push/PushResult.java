package dev.assent.server.push;

/**
 * What a push provider answered, as data: accepted, rejected with its reason (not worth retrying),
 * or the device token is no longer valid. Transport failures and transient provider errors are
 * {@link PushTransportException}s instead, and are retried.
 */
public sealed interface PushResult {

    record Accepted() implements PushResult {
    }

    record Rejected(String reason) implements PushResult {
    }

    record Unregistered(String reason) implements PushResult {
    }
}
