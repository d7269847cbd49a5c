package dev.assent.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.device.DeviceJws;
import dev.assent.device.DeviceKey;
import dev.assent.device.VirtualDevice;
import java.time.Instant;

/**
 * A push device as the mobile SDKs are, for the server's integration tests: the shared virtual device
 * ({@link VirtualDevice}, module {@code device/}) with the SIDs a test fills in as it enrolls the factor.
 * Every signature comes from there; this class only holds what the test learnt.
 */
final class TestDevice {

    final DeviceKey keys;
    String factorSid;
    String credentialSid;
    String accountSid;

    TestDevice() {
        this(DeviceKey.generate());
    }

    /** A second device holding the same key, e.g. to try enrolling one key twice. */
    TestDevice(DeviceKey keys) {
        this.keys = keys;
    }

    private VirtualDevice device() {
        return new VirtualDevice(keys, accountSid, factorSid, credentialSid);
    }

    String publicKey() {
        return keys.publicKeyBase64();
    }

    /** The factor-verification payload: base64 DER ECDSA-SHA256 over the factor SID (docs/push-protocol.md §3). */
    String proof() {
        return device().proof();
    }

    /** {@code Basic token:<JWT>} valid from {@code now} for ten minutes, as the SDKs build it. */
    String auth(Instant now) {
        return device().authorization(now);
    }

    /** As {@link #auth(Instant)} with another {@code kid} and {@code sub}, e.g. another factor's or account's. */
    String auth(Instant now, String kid, String sub) {
        return VirtualDevice.basicToken(DeviceJws.deviceJwt(keys, kid, sub, now));
    }

    /** The {@code AuthPayload} answering a challenge, from the GET body and the signature-fields header. */
    String answer(JsonNode challenge, String signatureFields, String status) {
        return device().answer(challenge, signatureFields, status);
    }
}
