package dev.assent.server.api;

import dev.assent.server.sid.SidType;
import java.util.Locale;
import java.util.Objects;

/**
 * A 404 for one resource that does not exist (or is not the caller's to see): which kind, and its
 * SID (for an entity, its identity). It carries no URL: the http package renders the body, whose
 * message names the resource's path under the route the request matched. Its own message, for
 * logs and the command line, says the same in words.
 */
public final class ResourceNotFound extends ApiException {

    private final SidType type;
    private final String id;

    public ResourceNotFound(SidType type, String id) {
        super(ApiError.NOT_FOUND, type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + id + " was not found");
        this.type = Objects.requireNonNull(type);
        this.id = Objects.requireNonNull(id);
    }

    /** The kind of resource that is missing. */
    public SidType type() {
        return type;
    }

    /** Its SID, or for an entity its identity. */
    public String id() {
        return id;
    }
}
