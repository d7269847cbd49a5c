package dev.assent.server.storage;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** SQL for a bound list of values, portable to SQLite and PostgreSQL. */
final class SqlLists {

    private SqlLists() {
    }

    /**
     * {@code "AND column NOT IN (:name0, :name1, …) "} for {@code count} values bound as
     * {@code name0 … name(count-1)}, or nothing when there are none.
     */
    static String andNotIn(String column, String name, int count) {
        if (count == 0) {
            return "";
        }
        return "AND " + column + " NOT IN (" + IntStream.range(0, count).mapToObj(i -> ":" + name + i)
                .collect(Collectors.joining(", ")) + ") ";
    }
}
