package dev.assent.server.service;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.Optional;

/** Persistence of Verify Services, always scoped to the owning account. */
public interface ServiceStore {

    void insert(VerifyService service);

    Optional<VerifyService> find(Sid accountSid, Sid serviceSid);

    Page<VerifyService> list(Sid accountSid, PageRequest page);

    /** Replaces the mutable settings; returns whether the service existed. */
    boolean update(VerifyService service);

    /** Deletes the service and, by cascade, everything under it; returns whether it existed. */
    boolean delete(Sid accountSid, Sid serviceSid);
}
