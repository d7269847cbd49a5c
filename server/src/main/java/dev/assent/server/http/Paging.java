package dev.assent.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.PageRequest.Cursor;
import dev.assent.server.api.PageRequest.Direction;
import dev.assent.server.api.PageRequest.SortOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Twilio list paging: {@code PageSize} (1–1000, default 50), {@code Page} (bookkeeping, or an offset
 * when no token is given), {@code PageToken} (opaque; ours is {@code PA}/{@code PB} for after/before
 * plus a base64url position), and the list envelope's {@code meta} with absolute page URLs that the
 * SDKs follow verbatim.
 */
final class Paging {

    private static final Pattern TOKEN_BODY = Pattern.compile("(\\d{1,15}):([A-Z]{2}[0-9a-f]{32})");
    private static final long MAX_PAGE = 1_000_000;
    /**
     * Rows a {@code Page} number may skip without a {@code PageToken}: an OFFSET makes the database
     * read and discard every skipped row, so {@code Page=1000000&PageSize=1000} would scan 10^9. The
     * SDKs never get here: they follow {@code next_page_url}, whose {@code PageToken} is a keyset
     * position (the page number then only labels the page).
     */
    static final long MAX_OFFSET = 10_000;

    private Paging() {
    }

    /** What a list request asked for. */
    record ListQuery(PageRequest request, int pageNumber, Optional<String> token) {
    }

    static ListQuery parse(Params params, boolean orderable) {
        int size = params.optionalInt("PageSize").orElse(PageRequest.DEFAULT_SIZE);
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw ApiException.invalidParameter("PageSize", Integer.toString(size), "must be between 1 and " + PageRequest.MAX_SIZE);
        }
        int page = params.optionalInt("Page").orElse(0);
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.invalidParameter("Page", Integer.toString(page), "must be between 0 and " + MAX_PAGE);
        }
        SortOrder order = SortOrder.ASC;
        if (orderable) {
            order = params.optional("Order").map(o -> switch (o) {
                case "asc" -> SortOrder.ASC;
                case "desc" -> SortOrder.DESC;
                default -> throw ApiException.invalidParameter("Order", o, "must be asc or desc");
            }).orElse(SortOrder.ASC);
        }
        Optional<String> token = params.optional("PageToken").filter(t -> !t.isEmpty());
        Optional<Cursor> cursor = token.map(Paging::decode);
        long offset = cursor.isEmpty() ? (long) page * size : 0;
        if (offset > MAX_OFFSET) {
            throw ApiException.invalidParameter("Page", Integer.toString(page), "with PageSize=" + size + " skips " + offset
                    + " items; without a PageToken at most " + MAX_OFFSET + " may be skipped: follow next_page_url, "
                    + "whose PageToken pages any distance");
        }
        return new ListQuery(new PageRequest(size, order, cursor, offset), page, token);
    }

    /**
     * The list envelope.
     *
     * @param path    the list's path, e.g. {@code /v2/Services}
     * @param filters the query parameters that select the list (kept on every page URL)
     */
    static <T> ObjectNode envelope(String base, String path, Map<String, String> filters, String key, ListQuery query,
            Page<T> page, Function<T, JsonNode> render, Function<T, Instant> created, Function<T, String> sid) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var array = root.putArray(key);
        page.items().forEach(item -> array.add(render.apply(item)));
        ObjectNode meta = root.putObject("meta");
        int size = query.request().size();
        String prefix = base + path + "?" + filterQuery(filters) + "PageSize=" + size;
        meta.put("page", query.pageNumber());
        meta.put("page_size", size);
        meta.put("first_page_url", prefix + "&Page=0");
        List<T> items = page.items();
        if (page.hasPrevious() && query.pageNumber() > 0 && !items.isEmpty()) {
            T first = items.get(0);
            meta.put("previous_page_url", prefix + "&Page=" + (query.pageNumber() - 1) + "&PageToken="
                    + encode(Direction.BEFORE, created.apply(first), sid.apply(first)));
        } else {
            meta.putNull("previous_page_url");
        }
        meta.put("url", prefix + "&Page=" + query.pageNumber() + query.token().map(t -> "&PageToken=" + urlEncode(t)).orElse(""));
        if (page.hasNext() && !items.isEmpty()) {
            T last = items.get(items.size() - 1);
            meta.put("next_page_url", prefix + "&Page=" + (query.pageNumber() + 1) + "&PageToken="
                    + encode(Direction.AFTER, created.apply(last), sid.apply(last)));
        } else {
            meta.putNull("next_page_url");
        }
        meta.put("key", key);
        return root;
    }

    /**
     * The list envelope of Twilio's 2010 API, which twilio-java's {@code Page} reads when there is no
     * {@code meta}: relative {@code uri}s (the SDK prefixes its own host), {@code page}, {@code page_size},
     * {@code start} and {@code end} at the top level.
     */
    static <T> ObjectNode envelope2010(String path, String key, ListQuery query, Page<T> page, Function<T, JsonNode> render,
            Function<T, Instant> created, Function<T, String> sid) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var array = root.putArray(key);
        page.items().forEach(item -> array.add(render.apply(item)));
        int size = query.request().size();
        String prefix = path + "?PageSize=" + size;
        List<T> items = page.items();
        long start = (long) query.pageNumber() * size;
        root.put("page", query.pageNumber());
        root.put("page_size", size);
        root.put("start", start);
        root.put("end", items.isEmpty() ? start : start + items.size() - 1);
        root.put("uri", prefix + "&Page=" + query.pageNumber() + query.token().map(t -> "&PageToken=" + urlEncode(t)).orElse(""));
        root.put("first_page_uri", prefix + "&Page=0");
        if (page.hasPrevious() && query.pageNumber() > 0 && !items.isEmpty()) {
            T first = items.get(0);
            root.put("previous_page_uri", prefix + "&Page=" + (query.pageNumber() - 1) + "&PageToken="
                    + encode(Direction.BEFORE, created.apply(first), sid.apply(first)));
        } else {
            root.putNull("previous_page_uri");
        }
        if (page.hasNext() && !items.isEmpty()) {
            T last = items.get(items.size() - 1);
            root.put("next_page_uri", prefix + "&Page=" + (query.pageNumber() + 1) + "&PageToken="
                    + encode(Direction.AFTER, created.apply(last), sid.apply(last)));
        } else {
            root.putNull("next_page_uri");
        }
        return root;
    }

    private static String filterQuery(Map<String, String> filters) {
        StringBuilder out = new StringBuilder();
        filters.forEach((name, value) -> out.append(name).append('=').append(urlEncode(value)).append('&'));
        return out.toString();
    }

    static String encode(Direction direction, Instant created, String sid) {
        String body = created.toEpochMilli() + ":" + sid;
        return (direction == Direction.AFTER ? "PA" : "PB")
                + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.US_ASCII));
    }

    private static Cursor decode(String token) {
        if (token.length() < 3 || token.length() > 80 || !(token.startsWith("PA") || token.startsWith("PB"))) {
            throw ApiException.invalidParameter("PageToken", token, "is not a page token this server issued");
        }
        String body;
        try {
            body = new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("PageToken", token, "is not a page token this server issued");
        }
        var matcher = TOKEN_BODY.matcher(body);
        if (!matcher.matches()) {
            throw ApiException.invalidParameter("PageToken", token, "is not a page token this server issued");
        }
        return new Cursor(token.startsWith("PA") ? Direction.AFTER : Direction.BEFORE, Long.parseLong(matcher.group(1)),
                matcher.group(2));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
