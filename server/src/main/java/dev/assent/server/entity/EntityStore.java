package dev.assent.server.entity;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import dev.assent.server.service.VerifyService;
import java.util.Objects;
import java.util.Optional;

/** Persistence of entities; a service's identities are unique. */
public interface EntityStore {

    /** Inserts the entity unless one with its identity exists in the service; returns the stored one. */
    Entity insertIfAbsent(Entity entity);

    /** Inserts the entity; returns false if its identity already exists in the service. */
    boolean insert(Entity entity);

    Optional<Entity> find(Sid serviceSid, String identity);

    /**
     * The account's service and, if it has one, its entity with this identity, in one read; empty when
     * the account has no such service.
     */
    Optional<InService> findWithService(Sid accountSid, Sid serviceSid, String identity);

    /** A service as read with the entity of one identity in it, if there is one. */
    record InService(VerifyService service, Optional<Entity> entity) {
        public InService {
            Objects.requireNonNull(service);
            Objects.requireNonNull(entity);
        }
    }

    Page<Entity> list(Sid serviceSid, PageRequest page);

    /**
     * Takes the write lock on the entity row for the rest of the transaction (a no-op write that
     * PostgreSQL locks and SQLite's immediate transactions already serialize), so that checks such
     * as "at most N factors" cannot race.
     */
    void lock(Sid entitySid);

    /** Deletes the entity and, by cascade, its factors and challenges; returns whether it existed. */
    boolean delete(Sid serviceSid, String identity);
}
