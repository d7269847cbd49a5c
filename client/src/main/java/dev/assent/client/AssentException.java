package dev.assent.client;

/**
 * An error answer from the server: the Twilio error body {@code {code, message, more_info, status}} plus
 * the HTTP status of the response. {@code code} is 0 when the body was not a Twilio error body.
 *
 * @see <a href="https://www.twilio.com/docs/api/errors">Twilio error codes</a>
 */
public final class AssentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String moreInfo;
    private final int httpStatus;

    /**
     * An error as the server described it.
     *
     * @param code       the Twilio error code, or 0
     * @param message    the server's message
     * @param moreInfo   the {@code more_info} URL, or null
     * @param httpStatus the HTTP status of the response
     */
    public AssentException(int code, String message, String moreInfo, int httpStatus) {
        super(message);
        this.code = code;
        this.moreInfo = moreInfo;
        this.httpStatus = httpStatus;
    }

    /** The Twilio error code, e.g. 20404 or 60306; 0 when the server sent no error body. */
    public int code() {
        return code;
    }

    /** The server's message. */
    public String message() {
        return getMessage();
    }

    /** The {@code more_info} URL, or null. */
    public String moreInfo() {
        return moreInfo;
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return "AssentException{code=" + code + ", httpStatus=" + httpStatus + ", message=" + getMessage()
                + ", moreInfo=" + moreInfo + "}";
    }
}
