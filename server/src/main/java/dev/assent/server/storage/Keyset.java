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
 * in list order; a page before one scans backwards and is reversed. One extra row tells whether more
 * exist in the scan direction.
 */
final class Keyset {

    private Keyset() {
    }

    /**
     * @param select a query {@code SELECT … FROM … WHERE <scope>} with named parameters in {@code binds}
     */
    static <T> Page<T> page(Handle handle, String select, Map<String, ?> binds, PageRequest request, RowMapper<T> mapper) {
        boolean forward = request.cursor().map(c -> c.direction() == Direction.AFTER).orElse(true);
        boolean ascending = (request.order() == SortOrder.ASC) == forward;
        StringBuilder sql = new StringBuilder(select);
        request.cursor().ifPresent(c -> sql.append(ascending
                ? " AND (created_at > :cursor_created OR (created_at = :cursor_created AND sid > :cursor_sid))"
                : " AND (created_at < :cursor_created OR (created_at = :cursor_created AND sid < :cursor_sid))"));
        String direction = ascending ? "ASC" : "DESC";
        sql.append(" ORDER BY created_at ").append(direction).append(", sid ").append(direction)
                .append(" LIMIT :limit OFFSET :offset");
        Query query = handle.createQuery(sql.toString()).bindMap(binds)
                .bind("limit", request.size() + 1)
                .bind("offset", request.offset());
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

}
