package dev.assent.server.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list: its size, its sort direction, and where it starts. A page either follows a
 * cursor ({@code after} the last item of the previous page, or {@code before} the first item of the
 * next page) or skips {@code offset} items from the start.
 */
public record PageRequest(int size, SortOrder order, Optional<Cursor> cursor, long offset) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        Objects.requireNonNull(order);
        Objects.requireNonNull(cursor);
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size out of range: " + size);
        }
        if (offset < 0 || (offset > 0 && cursor.isPresent())) {
            throw new IllegalArgumentException("offset must be zero with a cursor");
        }
    }

    public enum SortOrder { ASC, DESC }

    public enum Direction { AFTER, BEFORE }

    /** A position in a list: the creation time (epoch millis) and SID of an item; ties break on SID. */
    public record Cursor(Direction direction, long createdMillis, String sid) {
        public Cursor {
            Objects.requireNonNull(direction);
            Objects.requireNonNull(sid);
        }
    }
}
