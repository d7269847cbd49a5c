package dev.assent.server.factor;

import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A factor: something an entity has (a push device key or a TOTP seed) that answers challenges.
 * See https://www.twilio.com/docs/verify/api/factor.
 */
public record Factor(
        Sid sid,
        Sid accountSid,
        Sid serviceSid,
        Sid entitySid,
        String identity,
        String friendlyName,
        FactorStatus status,
        FactorBinding binding,
        Optional<Map<String, String>> metadata,
        int failedAttempts,
        Instant dateCreated,
        Instant dateUpdated) {

    /** Wrong verification codes or proofs after which verification is refused (Twilio: 5). */
    public static final int MAX_VERIFICATION_ATTEMPTS = 5;

    public Factor {
        Objects.requireNonNull(sid);
        Objects.requireNonNull(accountSid);
        Objects.requireNonNull(serviceSid);
        Objects.requireNonNull(entitySid);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(friendlyName);
        Objects.requireNonNull(status);
        Objects.requireNonNull(binding);
        metadata = metadata.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        Objects.requireNonNull(dateCreated);
        Objects.requireNonNull(dateUpdated);
    }

    public FactorType type() {
        return binding.type();
    }
}
