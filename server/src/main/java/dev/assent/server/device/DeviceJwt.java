package dev.assent.server.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.device.DeviceAuthException.Reason;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A device JWT: the token a push device signs with its factor key for every request after enrollment
 * and sends as {@code Authorization: Basic base64("token:" + jwt)} (docs/push-protocol.md §4).
 *
 * <p>Header {@code {"cty":"twilio-pba;v=1","kid":<credential SID>,"typ":"JWT","alg":"ES256"}}, claims
 * {@code {"sub":<account SID>,"exp":now+600,"nbf":now}}, no {@code iat}. Use in two steps: {@link #parse}
 * checks the shape and yields the {@link #keyId()} to look the factor up by; {@link #verify} then checks
 * the signature with that factor's key and only afterwards the claims, so claim-specific reasons are
 * only ever given for tokens the device really signed. Instances are immutable.
 */
public final class DeviceJwt {

    /** The {@code cty} both SDKs send. */
    public static final String CONTENT_TYPE = "twilio-pba;v=1";
    /** Longest accepted token; real ones are about 400 characters. */
    public static final int MAX_LENGTH = 4096;
    /** Longest accepted {@code exp - nbf}. The SDKs use ten minutes; longer-lived tokens are refused. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    // NumericDate bounds that Instant and long arithmetic handle comfortably (year 9999).
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final CompactJws jws;
    private final String keyId;

    private DeviceJwt(CompactJws jws, String keyId) {
        this.jws = jws;
        this.keyId = keyId;
    }

    /**
     * Parses the JWT and checks its header: {@code alg} {@code ES256}, {@code cty}
     * {@value #CONTENT_TYPE}, a non-empty string {@code kid}, no {@code crit}. Verifies nothing.
     *
     * @throws DeviceAuthException MALFORMED, UNSUPPORTED_ALGORITHM, WRONG_CONTENT_TYPE or MISSING_KEY_ID
     */
    public static DeviceJwt parse(String compact) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(compact, MAX_LENGTH);
        } catch (IllegalArgumentException e) {
            throw new DeviceAuthException(Reason.MALFORMED, e.getMessage());
        }
        if (!"ES256".equals(jws.headerString("alg"))) {
            throw new DeviceAuthException(Reason.UNSUPPORTED_ALGORITHM, "alg is not ES256");
        }
        if (!CONTENT_TYPE.equals(jws.headerString("cty"))) {
            throw new DeviceAuthException(Reason.WRONG_CONTENT_TYPE, "cty is not " + CONTENT_TYPE);
        }
        String keyId = jws.headerString("kid");
        if (keyId == null || keyId.isEmpty()) {
            throw new DeviceAuthException(Reason.MISSING_KEY_ID, "no kid");
        }
        if (jws.hasHeader("crit")) {
            // RFC 7515 §4.1.11: extensions we do not understand must not be ignored. The SDKs never send it.
            throw new DeviceAuthException(Reason.MALFORMED, "crit header parameters are not supported");
        }
        if (jws.signatureIsEmpty()) {
            throw new DeviceAuthException(Reason.MALFORMED, "no signature");
        }
        return new DeviceJwt(jws, keyId);
    }

    /** The {@code kid} header: the push factor's {@code config.credential_sid} (§2.3). Not yet authenticated. */
    public String keyId() {
        return keyId;
    }

    /**
     * Verifies the token for a factor: the ES256 signature over the received {@code header.payload} with
     * {@code key}, then {@code sub == expectedAccountSid}, {@code nbf <= now + allowedSkew},
     * {@code now < exp + allowedSkew} and {@code exp - nbf <= } {@link #MAX_LIFETIME}, in that order.
     * {@code nbf}, {@code exp} must be integers and {@code exp} later than {@code nbf}.
     *
     * @throws DeviceAuthException with the first failed check's reason
     */
    public void verify(ECPublicKey key, String expectedAccountSid, Instant now, Duration allowedSkew) {
        verify(key, expectedAccountSid, now, allowedSkew, CryptoProviders.ecdsa());
    }

    /** As {@link #verify(ECPublicKey, String, Instant, Duration)} on a given provider; tests run both. */
    void verify(ECPublicKey key, String expectedAccountSid, Instant now, Duration allowedSkew, Provider provider) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(expectedAccountSid);
        Objects.requireNonNull(now);
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew must not be negative");
        }
        if (!jws.verify(key, provider)) {
            throw new DeviceAuthException(Reason.BAD_SIGNATURE, "signature does not verify with the factor's key");
        }
        ObjectNode claims = Json.readObject(jws.payload());
        if (claims == null) {
            throw new DeviceAuthException(Reason.MALFORMED, "payload is not a JSON object");
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual()) {
            throw new DeviceAuthException(Reason.MALFORMED, "sub is missing or not a string");
        }
        long nbf = numericDate(claims, "nbf");
        long exp = numericDate(claims, "exp");
        if (exp <= nbf) {
            throw new DeviceAuthException(Reason.MALFORMED, "exp is not after nbf");
        }
        if (!sub.textValue().equals(expectedAccountSid)) {
            throw new DeviceAuthException(Reason.WRONG_SUBJECT, "sub is not the factor's account");
        }
        if (Instant.ofEpochSecond(nbf).isAfter(now.plus(allowedSkew))) {
            throw new DeviceAuthException(Reason.NOT_YET_VALID, "nbf is in the future");
        }
        if (!now.isBefore(Instant.ofEpochSecond(exp).plus(allowedSkew))) {
            throw new DeviceAuthException(Reason.EXPIRED, "exp has passed");
        }
        if (exp - nbf > MAX_LIFETIME.toSeconds()) {
            throw new DeviceAuthException(Reason.LIFETIME_TOO_LONG, "exp - nbf exceeds " + MAX_LIFETIME.toSeconds() + " s");
        }
    }

    private static long numericDate(ObjectNode claims, String name) {
        JsonNode value = claims.get(name);
        // Integers only: the SDKs send whole seconds, and 1.5 or 1e9 would need rounding rules of our own.
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < 0 || value.longValue() > MAX_NUMERIC_DATE) {
            throw new DeviceAuthException(Reason.MALFORMED, name + " is missing or not a NumericDate in seconds");
        }
        return value.longValue();
    }

    /** Names the key ID only (if it looks like a SID: it is unauthenticated input); the token stays out of logs. */
    @Override
    public String toString() {
        return "DeviceJwt[kid=" + (keyId.matches("[A-Za-z0-9]{1,64}") ? keyId : "?") + "]";
    }
}
