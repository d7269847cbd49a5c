package dev.assent.server.apikey;

import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * The Keys resource: create (the secret shown once), list, fetch, rename and delete an account's API
 * keys, and authenticate {@code SK…:secret}. Nothing is cached: every request reads the key's row, so
 * a key deleted through any node is refused by every node on its next request.
 */
public final class ApiKeys {

    public static final int MAX_FRIENDLY_NAME = 64;

    private final ApiKeyStore store;

    public ApiKeys(ApiKeyStore store) {
        this.store = store;
    }

    public CreatedApiKey create(Sid accountSid, Input<String> friendlyName, Instant now) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(Sid.generate(SidType.API_KEY), accountSid, friendlyName(friendlyName), now, now);
        store.insert(new StoredApiKey(key, secret.hash()));
        return new CreatedApiKey(key, secret);
    }

    public ApiKey fetch(Sid accountSid, Sid keySid) {
        return store.find(accountSid, keySid).orElseThrow(() -> notFound(keySid));
    }

    public Page<ApiKey> list(Sid accountSid, PageRequest page) {
        return store.list(accountSid, page);
    }

    public ApiKey update(Sid accountSid, Sid keySid, Input<String> friendlyName, Instant now) {
        Optional<String> name = friendlyName(friendlyName);
        if (friendlyName.isPresent() && !store.update(accountSid, keySid, name, now)) {
            throw notFound(keySid);
        }
        return fetch(accountSid, keySid);
    }

    public void delete(Sid accountSid, Sid keySid) {
        if (!store.delete(accountSid, keySid)) {
            throw notFound(keySid);
        }
    }

    /**
     * The key named by {@code keySid} if {@code secret} is its secret. The hashes are compared in
     * constant time, so response timing tells nothing about how much of a guess was right.
     */
    public Optional<ApiKey> authenticate(String keySid, String secret) {
        if (!Sid.matches(SidType.API_KEY, keySid) || secret == null || secret.length() > 256) {
            return Optional.empty();
        }
        byte[] presented = ApiKeySecret.hash(secret);
        return store.find(new Sid(SidType.API_KEY, keySid))
                .filter(stored -> MessageDigest.isEqual(stored.secretHash(), presented))
                .map(StoredApiKey::key);
    }

    private static Optional<String> friendlyName(Input<String> name) {
        name.value().ifPresent(n -> {
            if (n.length() > MAX_FRIENDLY_NAME) {
                throw name.invalid(n, "must be at most " + MAX_FRIENDLY_NAME + " characters");
            }
        });
        return name.value().filter(n -> !n.isEmpty());
    }

    private static ApiException notFound(Sid keySid) {
        return new ResourceNotFound(SidType.API_KEY, keySid.value());
    }
}
