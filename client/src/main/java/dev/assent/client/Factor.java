package dev.assent.client;

import java.time.Instant;
import java.util.Map;

/**
 * A factor: a push device key or a TOTP seed that an entity proves possession of
 * ({@code verify.v2.service.entity.factor}; on create, {@code new_factor}, which adds {@code binding}).
 *
 * @param binding only in the answer to CreateFactor: push {@code alg}, {@code public_key}; TOTP
 *                {@code secret}, {@code uri}. Empty otherwise.
 * @param config  push {@code sdk_version}, {@code app_id}, {@code notification_platform},
 *                {@code notification_token}; TOTP {@code alg}, {@code skew}, {@code code_length},
 *                {@code time_step}
 * @see <a href="https://www.twilio.com/docs/verify/api/factor">Twilio: Factor resource</a>
 */
public record Factor(String sid, String accountSid, String serviceSid, String entitySid, String identity,
                     Map<String, Object> binding, Instant dateCreated, Instant dateUpdated, String friendlyName,
                     FactorStatus status, FactorType factorType, Map<String, Object> config,
                     Map<String, String> metadata, String url) {

    public Factor {
        binding = binding == null ? Map.of() : binding;
        config = config == null ? Map.of() : config;
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** The TOTP seed ({@code binding.secret}, Base32), present only in the answer to CreateFactor. */
    public String totpSecret() {
        Object secret = binding.get("secret");
        return secret == null ? null : secret.toString();
    }

    /** The TOTP key URI ({@code binding.uri}, {@code otpauth://…}) for a QR code, only on create. */
    public String totpUri() {
        Object uri = binding.get("uri");
        return uri == null ? null : uri.toString();
    }
}
