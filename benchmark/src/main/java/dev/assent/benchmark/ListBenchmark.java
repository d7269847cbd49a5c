package dev.assent.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code ./assent bench --lists}: list latency against list size. On a fresh server per database, four
 * scopes side by side, their rows seeded straight into the database ({@link ListSeeder}):
 * <ul>
 *   <li><b>one entity</b> at {@code small} and at {@code large} challenges (the large one's extra rows are
 *       older history behind the same newest {@code small});</li>
 *   <li><b>one service</b>: an entity with {@code small} challenges of its own in a service whose other
 *       {@link #OTHER_ENTITIES} entities hold one each, or the rest up to {@code large} in all: the
 *       service's size, not the entity's.</li>
 * </ul>
 * On the measured entity of each, one client times {@code GET …/Challenges} (first page), a deep page
 * (reached by following {@code next_page_url}, then requested again and again) and each {@code Status}
 * filter's first page: {@code warmup} untimed rounds, then {@code requests} timed rounds, a round being
 * one request of every cell in turn, so that both sizes see the same moments of a busy machine. Every
 * answer is checked (200, a full page, the filter's status on every item). Ratios are p50 at
 * {@code large} over p50 at {@code small}; the goal is at most 1.5.
 */
final class ListBenchmark {

    static final int OTHER_ENTITIES = 100;
    static final int DEEP_PAGE = 500;
    static final int PAGE_SIZE = 50;
    static final int MAX_SIZE = 5_000_000;
    /** Enough for a full page of each status at the small size (a tenth of the rows is the rarest, denied). */
    static final int MIN_SMALL = 1_000;
    static final int MAX_REQUESTS = 100_000;
    /** History older than the small set: one challenge every this many ms (a million is 2.3 days, inside retention). */
    private static final long HISTORY_SPACING_MILLIS = 200;
    private static final long LIVE_FOR_MILLIS = TimeUnit.HOURS.toMillis(6);

    /** What is timed on each scope, in report order. */
    enum Request {
        FIRST("first page", null),
        DEEP("deep page (`PageToken`)", null),
        PENDING("`Status=pending`", "pending"),
        EXPIRED("`Status=expired`", "expired"),
        APPROVED("`Status=approved`", "approved"),
        DENIED("`Status=denied`", "denied");

        final String label;
        final String status;

        Request(String label, String status) {
            this.label = label;
            this.status = status;
        }
    }

    /** The timings of one request kind on one scope at one size. */
    record Timing(Request request, Histogram histogram, int pageNumber, long errors, List<String> errorSamples) {
        long p50() {
            return histogram.getValueAtPercentile(50);
        }

        long p99() {
            return histogram.getValueAtPercentile(99);
        }
    }

    /** One scope at both sizes. */
    record Scope(String label, List<Timing> small, List<Timing> large) {
    }

    /** Everything measured on one database. */
    record Run(DatabaseKind kind, String description, long smallSize, long largeSize, double seedSeconds, long seededRows,
            List<Scope> scopes) {
        boolean failed() {
            return scopes.stream().flatMap(s -> java.util.stream.Stream.concat(s.small().stream(), s.large().stream()))
                    .anyMatch(t -> t.errors() > 0);
        }
    }

    private final PrintStream out;
    private final long small;
    private final long large;
    private final int requests;
    private final int warmup;

    ListBenchmark(PrintStream out, long small, long large, int requests) {
        if (small < MIN_SMALL || small > MAX_SIZE || large <= small || large > MAX_SIZE) {
            throw new IllegalArgumentException("--list-sizes must be SMALL,LARGE with " + MIN_SMALL + " <= SMALL < LARGE <= "
                    + MAX_SIZE);
        }
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("--list-requests must be 1 to " + MAX_REQUESTS);
        }
        this.out = out;
        this.small = small;
        this.large = large;
        this.requests = requests;
        this.warmup = Math.max(5, requests / 5);
    }

    Run runOn(DatabaseKind kind, Path root, Path serverJar, CpuPinning pinning, ServerCrypto provider) throws Exception {
        out.printf("%n== %s lists: starting the database and %s%n", kind.label(), serverJar);
        try (TargetDatabase target = TargetDatabase.start(kind, root, pinning);
                ServerProcess server = ServerProcess.start(serverJar, target, pinning, provider)) {
            out.printf("   %s; server pid %d%n", target.describe(), server.pid());
            String[] account = server.createAccount();
            String auth = LoopbackHttp.basic(account[0], account[1]);
            // The benchmark's lean client (the lists need one connection; it is closed with the JVM).
            LoopbackHttp http = new LoopbackHttp(server.port());
            // Four scopes side by side, so that both sizes are measured in the same minutes, request by
            // request in turn (this machine's load moves more between minutes than the sizes differ).
            Enrollment entitySmall = new Enrollment(http, account[0], account[1]);
            Enrollment entityLarge = new Enrollment(http, account[0], account[1]);
            Enrollment serviceSmall = new Enrollment(http, account[0], account[1]);
            Enrollment serviceLarge = new Enrollment(http, account[0], account[1]);
            List<Device> eSmall = entitySmall.devices(1, 1);
            List<Device> eLarge = entityLarge.devices(1, 1);
            List<Device> sSmall = serviceSmall.devices(OTHER_ENTITIES + 1, 8);
            List<Device> sLarge = serviceLarge.devices(OTHER_ENTITIES + 1, 8);
            // One challenge per entity made by the server through the API: the rows the seeder copies.
            List<String> made = new ArrayList<>();
            made.addAll(entitySmall.pendingChallenges(eSmall));
            made.addAll(entityLarge.pendingChallenges(eLarge));
            made.addAll(serviceSmall.pendingChallenges(sSmall));
            made.addAll(serviceLarge.pendingChallenges(sLarge));
            long seedStart = System.nanoTime();
            long seeded = 0;
            try (ListSeeder seeder = ListSeeder.open(target)) {
                List<ListSeeder.Template> templates = new ArrayList<>();
                for (String path : made) {
                    templates.add(seeder.template(path.substring(path.lastIndexOf('/') + 1)));
                }
                ListSeeder.Template eSmallT = templates.get(0);
                ListSeeder.Template eLargeT = templates.get(1);
                List<ListSeeder.Template> sSmallT = templates.subList(2, 2 + OTHER_ENTITIES + 1);
                List<ListSeeder.Template> sLargeT = templates.subList(3 + OTHER_ENTITIES, templates.size());
                long now = System.currentTimeMillis();
                long liveUntil = now + LIVE_FOR_MILLIS;
                // Every measured entity: its newest small - 1 challenges one a second back from now (plus
                // the one the API made), LIVE_PENDING of them live.
                long recent = now - 1_000;
                for (ListSeeder.Template t : List.of(eSmallT, eLargeT, sSmallT.get(0), sLargeT.get(0))) {
                    seeder.seed(t, small - 1, recent, 1_000, ListSeeder.LIVE_PENDING, liveUntil);
                    seeded += small - 1;
                }
                // The large entity's older history, and the large service's other entities.
                seeder.seed(eLargeT, large - small, recent - small * 1_000, HISTORY_SPACING_MILLIS, 0, liveUntil);
                seeded += large - small;
                List<ListSeeder.Template> others = sLargeT.subList(1, sLargeT.size());
                long rest = large - small - OTHER_ENTITIES;
                for (int i = 0; i < others.size(); i++) {
                    long share = rest / others.size() + (i < rest % others.size() ? 1 : 0);
                    seeder.seed(others.get(i), share, recent, HISTORY_SPACING_MILLIS, 0, liveUntil);
                }
                seeded += rest;
                seeder.analyze();
                expectCount(seeder, List.of(eSmallT.entitySid()), small);
                expectCount(seeder, List.of(eLargeT.entitySid()), large);
                expectCount(seeder, sSmallT.stream().map(ListSeeder.Template::entitySid).toList(), small + OTHER_ENTITIES);
                expectCount(seeder, sLargeT.stream().map(ListSeeder.Template::entitySid).toList(), large);
            }
            double seedSeconds = seconds(seedStart);
            out.printf(java.util.Locale.ROOT, "   seeded %,d challenges in %.1f s (%,.0f rows/s)%n", seeded, seedSeconds,
                    seeded / seedSeconds);

            List<Cell> cells = new ArrayList<>();
            cells.addAll(cells("one entity", small, small, eSmall.get(0), http, auth));
            cells.addAll(cells("one entity", large, large, eLarge.get(0), http, auth));
            cells.addAll(cells("one service", small + OTHER_ENTITIES, small, sSmall.get(0), http, auth));
            cells.addAll(cells("one service", large, small, sLarge.get(0), http, auth));
            for (Cell cell : cells) {
                for (int i = 0; i < warmup; i++) {
                    cell.once(http, auth, false);
                }
            }
            for (int i = 0; i < requests; i++) {
                for (Cell cell : cells) {
                    cell.once(http, auth, true);
                }
            }
            for (Cell cell : cells) {
                out.printf(java.util.Locale.ROOT, "   %-12s %,9d  %-30s p50 %9s  p99 %9s%s%n", cell.scope, cell.size,
                        cell.request.label + (cell.request == Request.DEEP ? " " + cell.page : ""), Report.millis(cell.timing().p50()),
                        Report.millis(cell.timing().p99()), cell.errors > 0 ? "  ERRORS: " + cell.errors + " " + cell.samples : "");
            }
            out.flush();
            if (!server.alive()) {
                throw new IllegalStateException("the server died during the run:\n" + server.logTail());
            }
            int n = Request.values().length;
            return new Run(kind, target.describe(), small, large, seedSeconds, seeded, List.of(
                    new Scope("one entity", timings(cells.subList(0, n)), timings(cells.subList(n, 2 * n))),
                    new Scope("one service (" + (OTHER_ENTITIES + 1) + " entities)", timings(cells.subList(2 * n, 3 * n)),
                            timings(cells.subList(3 * n, 4 * n)))));
        }
    }

    private static List<Timing> timings(List<Cell> cells) {
        return cells.stream().map(Cell::timing).toList();
    }

    /** One request kind on one scope at one size: its path, and what it measured. */
    private static final class Cell {
        final String scope;
        final long size;
        final Request request;
        final String path;
        final int page;
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long errors;
        final List<String> samples = new ArrayList<>();

        Cell(String scope, long size, Request request, String path, int page) {
            this.scope = scope;
            this.size = size;
            this.request = request;
            this.path = path;
            this.page = page;
        }

        void once(LoopbackHttp http, String auth, boolean record) throws InterruptedException {
            long start = System.nanoTime();
            String problem;
            try {
                problem = problem(request, http.get(path, auth), PAGE_SIZE);
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            long elapsed = System.nanoTime() - start;
            if (problem != null) {
                errors++;
                if (samples.size() < 3) {
                    samples.add(problem);
                }
            } else if (record) {
                histogram.recordValue(Math.max(1, Math.min(histogram.getHighestTrackableValue(), elapsed / 1_000)));
            }
        }

        Timing timing() {
            return new Timing(request, histogram, page, errors, samples);
        }
    }

    private static void expectCount(ListSeeder seeder, List<String> entities, long expected) throws SQLException {
        long counted = seeder.count(entities);
        if (counted != expected) {
            throw new IllegalStateException("expected " + expected + " challenges after seeding, the database has " + counted);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * The cells of one scope at one size: each request kind's path, the deep page's reached by following
     * {@code next_page_url} as the SDKs do, to page {@link #DEEP_PAGE} or the last full page before it.
     *
     * @param size        the scope's challenges (for the report)
     * @param entityRows  the measured entity's own challenges (how deep its pages go)
     */
    private static List<Cell> cells(String scope, long size, long entityRows, Device device, LoopbackHttp http, String auth)
            throws InterruptedException {
        String list = device.entityPath() + "/Challenges";
        List<Cell> cells = new ArrayList<>();
        for (Request request : Request.values()) {
            if (request == Request.DEEP) {
                int lastFull = (int) Math.min(DEEP_PAGE, entityRows / PAGE_SIZE - 1);
                String path = list + "?PageSize=" + PAGE_SIZE;
                for (int i = 0; i < lastFull; i++) {
                    LoopbackHttp.Reply reply = http.get(path, auth);
                    if (reply.status() != 200) {
                        throw new IllegalStateException("following next_page_url: " + reply.abbreviated());
                    }
                    JsonNode next = reply.json().path("meta").path("next_page_url");
                    if (next.isNull() || next.isMissingNode()) {
                        throw new IllegalStateException("no next_page_url on page " + i + " of " + entityRows);
                    }
                    path = pathOf(next.asText());
                }
                cells.add(new Cell(scope, size, request, path, lastFull));
            } else {
                cells.add(new Cell(scope, size, request,
                        list + "?PageSize=" + PAGE_SIZE + (request.status == null ? "" : "&Status=" + request.status), 0));
            }
        }
        return cells;
    }

    /** Why an answer is not a full page of the right rows, or null. */
    private static String problem(Request request, LoopbackHttp.Reply reply, int pageSize) {
        if (reply.status() != 200) {
            return reply.abbreviated();
        }
        JsonNode items = reply.json().path("challenges");
        if (items.size() != pageSize) {
            return request.label + ": " + items.size() + " challenges, not a full page of " + pageSize;
        }
        if (request.status != null) {
            for (JsonNode item : items) {
                if (!request.status.equals(item.path("status").asText())) {
                    return request.label + ": a challenge with status " + item.path("status").asText();
                }
            }
        }
        return null;
    }

    /** The path and query of an absolute URL the server gave (it is on 127.0.0.1, as LoopbackHttp checks). */
    private static String pathOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
