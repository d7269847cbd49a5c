package dev.assent.server.api;

import java.util.function.Supplier;

/**
 * Runs a unit of work in one database write transaction. Feature services own their transactions;
 * every store call made on the same thread inside {@code work} joins it. An exception thrown from
 * {@code work} rolls the whole unit back, so nothing is half-written.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
