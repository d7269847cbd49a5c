package dev.assent.server.entity;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.Transactions;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.time.Instant;
import java.util.Optional;

/** The Entity resource: create, fetch, list, delete within one service. */
public final class Entities {

    private final EntityStore store;
    private final Transactions transactions;

    public Entities(EntityStore store, Transactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    /** Creates the entity; {@code identity} is valid ({@link Identity#require}, by the edge, which names the parameter). */
    public Entity create(VerifyService service, String identity, Instant now) {
        Entity entity = newEntity(service, identity, now);
        boolean inserted = transactions.inTransaction(() -> store.insert(entity));
        if (!inserted) {
            throw new ApiException(ApiError.ENTITY_ALREADY_EXISTS, "Entity with identity " + identity + " already exists");
        }
        return entity;
    }

    /** The entity with this identity, created first if the service has none (first-factor enrollment). */
    public Entity findOrCreate(VerifyService service, String identity, Instant now) {
        return store.find(service.sid(), identity)
                .orElseGet(() -> store.insertIfAbsent(newEntity(service, identity, now)));
    }

    /**
     * The account's service and its entity with this identity, read together: empty when the account has
     * no such service; the entity empty when the service has no such identity.
     */
    public Optional<EntityStore.InService> findWithService(Sid accountSid, Sid serviceSid, String identity) {
        return store.findWithService(accountSid, serviceSid, identity);
    }

    public Entity fetch(VerifyService service, String identity) {
        return store.find(service.sid(), identity).orElseThrow(() -> notFound(service, identity));
    }

    public Page<Entity> list(VerifyService service, PageRequest page) {
        return store.list(service.sid(), page);
    }

    public void delete(VerifyService service, String identity) {
        boolean deleted = transactions.inTransaction(() -> store.delete(service.sid(), identity));
        if (!deleted) {
            throw notFound(service, identity);
        }
    }

    public static ApiException notFound(VerifyService service, String identity) {
        return new ResourceNotFound(SidType.ENTITY, identity);
    }

    private static Entity newEntity(VerifyService service, String identity, Instant now) {
        if (!Identity.isValid(identity)) {
            throw new IllegalArgumentException("identity not checked at the edge");
        }
        return new Entity(Sid.generate(SidType.ENTITY), service.accountSid(), service.sid(), identity, now, now);
    }
}
