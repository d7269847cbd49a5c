package dev.assent.server.apikey;

import java.util.Objects;

/** A key just created, with its secret: the only time the secret is known to the server. */
public record CreatedApiKey(ApiKey key, ApiKeySecret secret) {
    public CreatedApiKey {
        Objects.requireNonNull(key);
        Objects.requireNonNull(secret);
    }
}
