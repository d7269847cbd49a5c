package dev.assent.server.outbound;

/**
 * Makes outbound HTTP calls through the outbound policy. The one way feature code reaches the
 * network over HTTP; {@link OutboundClient} is the implementation.
 */
public interface OutboundHttp extends AutoCloseable {

    /** The most of a response body that is read (FCM and OAuth answers are small JSON). */
    int MAX_RESPONSE_BYTES = 64 * 1024;

    /** POSTs {@code request}; never throws for a network failure, which is a {@link OutboundResult.Failed}. */
    OutboundResult post(OutboundRequest request);

    @Override
    void close();
}
