package dev.assent.server.retention;

import java.time.Instant;

/** Persistence side of retention: bounded deletes of rows whose retention ended before a cutoff. */
public interface RetentionStore {

    /**
     * Deletes at most {@code limit} rows of {@code kind} whose retention period ended before
     * {@code cutoff} (that is, rows that ended before {@code cutoff}, for a cutoff of now minus the
     * retention period), selecting them by primary key; returns how many this call deleted. Rows
     * another node is deleting at the same moment are skipped or found gone, never counted twice.
     * Rows removed by cascade (a challenge's notifications and push jobs) are not counted.
     */
    int deleteEndedBefore(Expirable kind, Instant cutoff, int limit);
}
