package dev.assent.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over a Twilio list: fetches the first page on the first element asked for, then follows
 * {@code meta.next_page_url} verbatim (as twilio-go does) until it is null or {@code limit} elements have
 * been returned.
 */
public final class Pager<T> implements Iterator<T> {

    private final Transport transport;
    private final String key;
    private final Function<JsonNode, T> mapper;
    private final long limit;
    private final Deque<JsonNode> buffer = new ArrayDeque<>();
    private URI next;
    private long returned;

    private Pager(Transport transport, URI first, String key, Function<JsonNode, T> mapper, Long limit) {
        this.transport = transport;
        this.next = first;
        this.key = key;
        this.mapper = mapper;
        this.limit = limit == null ? Long.MAX_VALUE : limit;
    }

    public static <T> Stream<T> stream(Transport transport, URI first, String key, Function<JsonNode, T> mapper,
                                       Long limit) {
        Pager<T> pager = new Pager<>(transport, first, key, mapper, limit);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pager, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        if (returned >= limit) {
            return false;
        }
        while (buffer.isEmpty() && next != null) {
            JsonNode page = transport.get(next);
            JsonNode items = page.path(key);
            items.forEach(buffer::add);
            String nextUrl = Json.text(page.path("meta"), "next_page_url");
            next = nextUrl == null || nextUrl.isEmpty() ? null : URI.create(nextUrl);
        }
        return !buffer.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return mapper.apply(buffer.removeFirst());
    }
}
