package dev.assent.server.api;

import java.util.List;

/** The items of one page in list order, and whether pages exist before and after it. */
public record Page<T>(List<T> items, boolean hasPrevious, boolean hasNext) {
    public Page {
        items = List.copyOf(items);
    }
}
