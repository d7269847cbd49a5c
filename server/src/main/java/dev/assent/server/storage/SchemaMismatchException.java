package dev.assent.server.storage;

/**
 * The database's schema is not one this Assent may run on: migrated by a newer release, or (when
 * {@code serve} only validates) not yet migrated to this one. Nothing was written; the message says
 * what to do, in one line.
 */
public final class SchemaMismatchException extends RuntimeException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
