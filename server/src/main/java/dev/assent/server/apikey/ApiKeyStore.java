package dev.assent.server.apikey;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.time.Instant;
import java.util.Optional;

/** Persistence of API keys. */
public interface ApiKeyStore {

    void insert(StoredApiKey key);

    /** Any account's key by its SID, with its hash: for authentication. */
    Optional<StoredApiKey> find(Sid keySid);

    /** The account's key, or empty if it has none by that SID. */
    Optional<ApiKey> find(Sid accountSid, Sid keySid);

    Page<ApiKey> list(Sid accountSid, PageRequest page);

    /** Sets the friendly name; false if the account has no such key (any more). */
    boolean update(Sid accountSid, Sid keySid, Optional<String> friendlyName, Instant now);

    /** Deletes the key; false if the account had no such key. */
    boolean delete(Sid accountSid, Sid keySid);
}
