package dev.assent.server.factor;

import dev.assent.server.sid.Sid;
import java.util.Objects;
import java.util.Optional;

/**
 * A push factor's binding: the device's P-256 public key (base64 DER SubjectPublicKeyInfo), the
 * credential SID the device names as {@code kid} in its JWTs, and the device's push configuration.
 */
public record PushBinding(
        String publicKey,
        Sid credentialSid,
        String appId,
        String sdkVersion,
        NotificationPlatform notificationPlatform,
        Optional<String> notificationToken) implements FactorBinding {

    public static final String ALGORITHM = "ES256";

    public PushBinding {
        Objects.requireNonNull(publicKey);
        Objects.requireNonNull(credentialSid);
        Objects.requireNonNull(notificationPlatform);
        Objects.requireNonNull(notificationToken);
    }

    @Override
    public FactorType type() {
        return FactorType.PUSH;
    }
}
