package dev.assent.server.outbound;

import java.net.UnknownHostException;

/**
 * The policy refused a host or one of its addresses. An {@link UnknownHostException}, because it is
 * thrown from OkHttp's {@code Dns} hook, before any connection.
 */
public final class OutboundRefusedException extends UnknownHostException {

    public OutboundRefusedException() {
        super("refused by outbound policy");
    }
}
