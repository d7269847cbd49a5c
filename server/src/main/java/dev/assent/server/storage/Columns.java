package dev.assent.server.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A table's column list, declared once as its store's {@code COLUMNS}, and what its mapper reads by:
 * each column's position in a row that selects the list (alone, or as one part of a join). Reading by
 * position spares the driver its name lookup per result set (SQLite's {@code column_name} over every
 * column), and the positions come from the same constant the query is built from, so they cannot drift.
 */
final class Columns {

    private Columns() {
    }

    /** Where each column of a list is: {@link #of} is its 1-based JDBC index when the list starts a row. */
    static final class Positions {
        private final Map<String, Integer> positions;

        private Positions(List<String> columns) {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                if (map.put(columns.get(i), i + 1) != null) {
                    throw new IllegalArgumentException("column " + columns.get(i) + " listed twice");
                }
            }
            this.positions = Map.copyOf(map);
        }

        /** The 1-based index of {@code column}; add the offset of the list's first column in a join. */
        int of(String column) {
            Integer at = positions.get(column);
            if (at == null) {
                throw new IllegalArgumentException("no column " + column + " in the list");
            }
            return at;
        }

        /** How many columns the list has: the offset of the part of a join that follows it. */
        int count() {
            return positions.size();
        }
    }

    static Positions positions(String columns) {
        return new Positions(split(columns));
    }

    /** {@code columns} of table alias {@code alias}, in order: {@code "sid, identity"} of {@code e} is {@code "e.sid, e.identity"}. */
    static String qualified(String alias, String columns) {
        return split(columns).stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static List<String> split(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }
}
