package dev.assent.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * An enrolled push device as the mobile SDK keeps it after factor creation (docs/push-protocol.md §2.3), and
 * every signed value it sends: the factor proof (§3), the per-request device JWT (§4) and the answer to a
 * challenge (§6.2). Transport is the caller's: the CLI, the benchmark and the server's tests each send these
 * with their own HTTP client.
 *
 * @param key           the device key; its public half was enrolled as {@code Binding.PublicKey}
 * @param accountSid    {@code AC…}, the {@code sub} of every device JWT
 * @param factorSid     {@code YF…}, the factor the key is bound to
 * @param credentialSid the factor's {@code config.credential_sid}, the {@code kid} of every device JWT
 */
public record VirtualDevice(DeviceKey key, String accountSid, String factorSid, String credentialSid) {

    /** The factor-verification {@code AuthPayload}: base64 DER ECDSA-SHA256 over the factor SID (§3). */
    public String proof() {
        return Base64.getEncoder().encodeToString(key.signDer(factorSid.getBytes(StandardCharsets.UTF_8)));
    }

    /** A device JWT valid from {@code now} for {@link DeviceJws#DEVICE_JWT_LIFETIME} (§4). */
    public String deviceJwt(Instant now) {
        return DeviceJws.deviceJwt(key, credentialSid, accountSid, now);
    }

    /** {@code Basic base64("token:" + device JWT)}, freshly signed for {@code now}, as every SDK request carries it. */
    public String authorization(Instant now) {
        return basicToken(deviceJwt(now));
    }

    /**
     * The {@code AuthPayload} answering a challenge: the fetched body's listed members plus {@code status},
     * as a compact ES256 JWS (§6.2).
     *
     * @param challenge       the challenge body as fetched
     * @param signatureFields the names of the fetch's {@code Twilio-Verify-Signature-Fields} header
     * @param status          {@code approved} or {@code denied}
     * @throws SignatureFieldMissingException if a listed member is not in the body
     */
    public String answer(JsonNode challenge, List<String> signatureFields, String status) {
        return DeviceJws.answer(key, DeviceJws.answerPayload(challenge, signatureFields, status));
    }

    /** As {@link #answer(JsonNode, List, String)} with the header's raw comma-separated value. */
    public String answer(JsonNode challenge, String signatureFieldsHeader, String status) {
        return answer(challenge, DeviceJws.signatureFields(signatureFieldsHeader), status);
    }

    /** {@code Basic base64("token:" + token)}: how a device sends a JWT or an enrollment access token (§1). */
    public static String basicToken(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("token:" + token).getBytes(StandardCharsets.UTF_8));
    }
}
