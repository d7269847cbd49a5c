package dev.assent.client;

import dev.assent.client.internal.Form;

/**
 * The paging parameters of a list without filters: {@code PageSize} (1–1000) and a client-side
 * {@code limit} on the total number of resources the stream returns.
 */
public record ListParams(Integer pageSize, Long limit) {

    public ListParams {
        Paging.check(pageSize, limit);
    }

    /** The server's page size, no limit. */
    public static ListParams all() {
        return new ListParams(null, null);
    }

    /** At most {@code limit} resources in total. */
    public static ListParams limit(long limit) {
        return new ListParams(null, limit);
    }

    /** Pages of {@code pageSize}, at most {@code limit} resources in total. */
    public static ListParams of(int pageSize, long limit) {
        return new ListParams(pageSize, limit);
    }

    Form toQuery() {
        return new Form().add("PageSize", Paging.pageSize(pageSize, limit));
    }
}
