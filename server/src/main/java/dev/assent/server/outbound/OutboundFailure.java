package dev.assent.server.outbound;

/**
 * Why an outbound call got no answer, deliberately coarse: a failure before the connection is
 * established is always {@link #CONNECT_FAILED}, whether the port was closed, filtered (timed out),
 * reset or spoke no TLS, so the text never works as a port scanner; nothing the peer sent is echoed.
 */
public enum OutboundFailure {
    /** The policy refused the URL or an address of its host; nothing was connected. */
    REFUSED("refused by outbound policy"),
    NAME_NOT_RESOLVED("name not resolved"),
    CONNECT_FAILED("connect failed"),
    /** Connected, but the whole exchange did not finish within the deadline. */
    TIMEOUT("timeout"),
    /** Connected, but the exchange broke off. */
    CONNECTION_LOST("connection lost"),
    /** The response body was longer than the bound. */
    RESPONSE_TOO_LARGE("response too large");

    private final String text;

    OutboundFailure(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
