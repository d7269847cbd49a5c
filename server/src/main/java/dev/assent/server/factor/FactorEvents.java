package dev.assent.server.factor;

import java.time.Instant;

/**
 * Receives factor lifecycle events ({@code factor.created}, {@code factor.verified},
 * {@code factor.deleted}) inside the transaction that made the change, so an event is recorded if
 * and only if the change commits.
 */
@FunctionalInterface
public interface FactorEvents {

    String CREATED = "factor.created";
    String VERIFIED = "factor.verified";
    String DELETED = "factor.deleted";

    void emit(String type, Factor factor, Instant now);
}
