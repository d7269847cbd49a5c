package dev.assent.server.apikey;

import java.util.Objects;

/** A key as stored: the key and the SHA-256 of its secret. */
public record StoredApiKey(ApiKey key, byte[] secretHash) {
    public StoredApiKey {
        Objects.requireNonNull(key);
        secretHash = secretHash.clone();
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }
}
