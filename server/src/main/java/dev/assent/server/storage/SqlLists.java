package dev.assent.server.storage;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL for a bound list of values, portable to SQLite and PostgreSQL. */
final class SqlLists {

    private SqlLists() {
    }

    /** {@code column NOT IN} these values, each bound as its own parameter {@code name0 … name(n-1)}. */
    static NotIn andNotIn(String column, String name, Collection<String> values) {
        return new NotIn(column, name, List.copyOf(values));
    }

    record NotIn(String column, String name, List<String> values) {
        /** {@code "AND column NOT IN (:name0, :name1, …) "}, or nothing when there are no values. */
        String sql() {
            if (values.isEmpty()) {
                return "";
            }
            return "AND " + column + " NOT IN (" + IntStream.range(0, values.size()).mapToObj(i -> ":" + name + i)
                    .collect(Collectors.joining(", ")) + ") ";
        }

        /** Binds the values named in {@link #sql()} on the statement made from it. */
        <S extends SqlStatement<S>> S bind(S statement) {
            for (int i = 0; i < values.size(); i++) {
                statement.bind(name + i, values.get(i));
            }
            return statement;
        }
    }
}
