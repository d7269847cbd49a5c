package dev.assent.server.passkey;

import dev.assent.server.service.PasskeySettings;
import java.util.Objects;

/** A passkeys factor creation: its name, the entity's identity, and its own settings over the service's. */
public record NewPasskeyFactor(String friendlyName, String identity, PasskeySettings config) {
    public NewPasskeyFactor {
        Objects.requireNonNull(friendlyName);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(config);
    }
}
