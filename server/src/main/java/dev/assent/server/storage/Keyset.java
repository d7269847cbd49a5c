package dev.assent.server.storage;

import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.PageRequest.Direction;
import dev.assent.server.api.PageRequest.SortOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Keyset paging over {@code (created_at, sid)}, the order of every list. A page after a cursor scans
 * in list order from the cursor; a page before one scans backwards and is reversed. One extra row
 * tells whether more exist in the scan direction.
 *
 * <p>The cursor is a row-value comparison, {@code (created_at, sid) > (:c, :s)}, which both SQLite
 * and PostgreSQL turn into the start of an index range on an index ending in {@code created_at, sid}
 * (an {@code OR} of the two columns would be a filter read from the start of the scope): a deep
 * page costs what the first does. The only {@code OFFSET} is a {@code Page} number without a
 * {@code PageToken}, bounded by {@code http.Paging.MAX_OFFSET}.
 */
final class Keyset {

    private Keyset() {
    }

    /**
     * @param select a query {@code SELECT … FROM … WHERE <scope>} with named parameters in {@code binds}
     */
    static <T> Page<T> page(Handle handle, String select, Map<String, ?> binds, PageRequest request, RowMapper<T> mapper) {
        return page(handle, List.of(select), binds, request, mapper);
    }

    /**
     * A page of the union of disjoint {@code selects} (each {@code SELECT … FROM … WHERE <scope>},
     * selecting the same columns): each is paged on its own index range, at most offset + size + 1
     * rows, and the union of those few rows is ordered and cut. A filter that is an {@code OR} of two
     * index ranges is written this way, since neither database reads an {@code OR} in index order.
     */
    static <T> Page<T> page(Handle handle, List<String> selects, Map<String, ?> binds, PageRequest request, RowMapper<T> mapper) {
        boolean forward = request.cursor().map(c -> c.direction() == Direction.AFTER).orElse(true);
        boolean ascending = (request.order() == SortOrder.ASC) == forward;
        String order = orderBy(ascending);
        String sql;
        if (selects.size() == 1) {
            sql = selects.get(0) + cursorCondition(request, ascending) + order + " LIMIT :limit OFFSET :offset";
        } else {
            StringBuilder union = new StringBuilder();
            for (int i = 0; i < selects.size(); i++) {
                if (i > 0) {
                    union.append(" UNION ALL ");
                }
                union.append("SELECT * FROM (").append(selects.get(i)).append(cursorCondition(request, ascending)).append(order)
                        .append(" LIMIT :branch_limit) AS branch").append(i);
            }
            sql = union + order + " LIMIT :limit OFFSET :offset";
        }
        Query query = handle.createQuery(sql).bindMap(binds)
                .bind("limit", request.size() + 1)
                .bind("offset", request.offset());
        if (selects.size() > 1) {
            query.bind("branch_limit", request.offset() + request.size() + 1);
        }
        request.cursor().ifPresent(c -> query.bind("cursor_created", c.createdMillis()).bind("cursor_sid", c.sid()));
        List<T> rows = new ArrayList<>(query.map(mapper).list());
        boolean more = rows.size() > request.size();
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (!forward) {
            Collections.reverse(rows);
            return new Page<>(rows, more, true);
        }
        boolean hasPrevious = request.cursor().isPresent() || request.offset() > 0;
        return new Page<>(rows, hasPrevious, more);
    }

    private static String cursorCondition(PageRequest request, boolean ascending) {
        if (request.cursor().isEmpty()) {
            return "";
        }
        return ascending ? " AND (created_at, sid) > (:cursor_created, :cursor_sid)"
                : " AND (created_at, sid) < (:cursor_created, :cursor_sid)";
    }

    private static String orderBy(boolean ascending) {
        String direction = ascending ? "ASC" : "DESC";
        return " ORDER BY created_at " + direction + ", sid " + direction;
    }
}
