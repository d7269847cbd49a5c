package dev.assent.client;

import dev.assent.client.internal.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of CreateNewFactorPasskey: {@code friendly_name}, {@code identity} and an optional {@code config}
 * overriding the service's passkeys settings.
 *
 * @param friendlyName the factor's name (required, at most 64 characters)
 * @param identity     the entity's identity; the entity is created on first use (required, 8–64 characters)
 * @param config       overrides of the service's settings, or null
 */
public record PasskeyFactorParams(String friendlyName, String identity, PasskeySettings config) {

    public PasskeyFactorParams {
        Check.notNull("friendly_name", friendlyName);
        Check.length("friendly_name", friendlyName, 1, 64);
        Check.identity("identity", identity);
    }

    /** A factor that takes every setting from the service. */
    public static PasskeyFactorParams of(String friendlyName, String identity) {
        return new PasskeyFactorParams(friendlyName, identity, null);
    }

    Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("friendly_name", friendlyName);
        body.put("identity", identity);
        if (config != null) {
            body.put("config", config.toConfig());
        }
        return body;
    }
}
