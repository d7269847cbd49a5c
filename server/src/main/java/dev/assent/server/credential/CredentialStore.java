package dev.assent.server.credential;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.Optional;

/** Persistence of push credentials, each scoped to its account. */
public interface CredentialStore {

    void insert(Credential credential);

    Optional<Credential> find(Sid accountSid, Sid credentialSid);

    Page<Credential> list(Sid accountSid, PageRequest page);

    boolean update(Credential credential);

    boolean delete(Sid accountSid, Sid credentialSid);
}
