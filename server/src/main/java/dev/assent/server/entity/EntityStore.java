package dev.assent.server.entity;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.sid.Sid;
import java.util.Optional;

/** Persistence of entities; a service's identities are unique. */
public interface EntityStore {

    /** Inserts the entity unless one with its identity exists in the service; returns the stored one. */
    Entity insertIfAbsent(Entity entity);

    /** Inserts the entity; returns false if its identity already exists in the service. */
    boolean insert(Entity entity);

    Optional<Entity> find(Sid serviceSid, String identity);

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
