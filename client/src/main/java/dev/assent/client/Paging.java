package dev.assent.client;

import dev.assent.client.internal.Check;

/** Shared checks and defaults of list parameters ({@code PageSize} and the client-side limit). */
final class Paging {

    static final int MAX_PAGE_SIZE = 1000;

    private Paging() {
    }

    static void check(Integer pageSize, Long limit) {
        Check.range("PageSize", pageSize, 1, MAX_PAGE_SIZE);
        Check.range("limit", limit, 0, Long.MAX_VALUE);
    }

    /** Like the Twilio SDKs: with a limit below the page size, ask for no more than the limit. */
    static Integer pageSize(Integer pageSize, Long limit) {
        if (pageSize == null && limit != null && limit > 0) {
            return (int) Math.min(limit, MAX_PAGE_SIZE);
        }
        return pageSize;
    }
}
