package dev.assent.device;

/**
 * A challenge's {@code Twilio-Verify-Signature-Fields} names a member its body lacks, so no answer can be
 * signed (docs/push-protocol.md §6.2). The field name came from the server: callers that print it should
 * make it safe for their output first.
 */
public final class SignatureFieldMissingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    SignatureFieldMissingException(String field) {
        super(DeviceJws.SIGNATURE_FIELDS + " names a field the challenge lacks");
        this.field = field;
    }

    /** The listed name that is missing from the body. */
    public String field() {
        return field;
    }
}
