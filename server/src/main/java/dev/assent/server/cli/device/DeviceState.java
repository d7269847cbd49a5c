package dev.assent.server.cli.device;

import java.net.URI;

/**
 * Everything a virtual device remembers between commands, as the mobile SDK keeps it in its own storage:
 * where the server is, which factor it is, its credential SID (the {@code kid} of its JWTs), its P-256 key
 * pair and its clock correction (docs/push-protocol.md §1, §2.3).
 *
 * @param baseUrl            the server's base URL, without {@code /v2} (e.g. {@code http://127.0.0.1:8080})
 * @param accountSid         {@code AC…}, the {@code sub} of the device JWT
 * @param serviceSid         {@code VA…}
 * @param identity           the entity identity the factor belongs to
 * @param factorSid          {@code YF…}
 * @param credentialSid      the factor's {@code config.credential_sid}
 * @param friendlyName       the factor's friendly name
 * @param publicKey          base64 X.509 SubjectPublicKeyInfo DER of the P-256 public key
 * @param privateKey         base64 PKCS#8 DER of the P-256 private key (secret)
 * @param clockOffsetSeconds server time minus local time, learnt from a 401's {@code Date} header
 */
record DeviceState(URI baseUrl, String accountSid, String serviceSid, String identity, String factorSid,
        String credentialSid, String friendlyName, String publicKey, String privateKey, long clockOffsetSeconds) {

    DeviceState withClockOffset(long seconds) {
        return new DeviceState(baseUrl, accountSid, serviceSid, identity, factorSid, credentialSid, friendlyName, publicKey,
                privateKey, seconds);
    }

    /** The path of this device's entity, {@code /v2/Services/{VA}/Entities/{identity}}. */
    String entityPath() {
        return entityPath(serviceSid, identity);
    }

    static String entityPath(String serviceSid, String identity) {
        return "/v2/Services/" + VerifyClient.segment(serviceSid) + "/Entities/" + VerifyClient.segment(identity);
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "DeviceState[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", serviceSid=" + serviceSid + ", identity="
                + identity + ", factorSid=" + factorSid + ", credentialSid=" + credentialSid + ", privateKey=<redacted>]";
    }
}
