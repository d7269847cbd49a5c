package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.PageRequest.Cursor;
import dev.assent.server.api.PageRequest.Direction;
import dev.assent.server.api.PageRequest.SortOrder;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeDetails;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.RespondedReason;
import dev.assent.server.factor.FactorType;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.JdbcChallengeStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The challenge list's keyset paging on a real database: every filter (none, factor, status, factor and
 * status) in both orders, followed page by page forwards and backwards, returns exactly the rows the
 * filter selects as read at {@code now}, stored {@code expired} and pending-past-deadline alike; and
 * the database's own plan for each of those queries ({@code EXPLAIN QUERY PLAN} on SQLite,
 * {@code EXPLAIN (FORMAT JSON)} on PostgreSQL, over tens of thousands of rows and the statistics
 * PostgreSQL gathers) is an index range in list order, with the cursor as the range's start: no
 * scan of the table, no sort of the entity's rows.
 */
abstract class ChallengeListContract extends ApiFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "sid, account_sid, service_sid, entity_sid, identity, factor_sid, factor_type, status, "
            + "responded_reason, details_message, details_fields, details_date, hidden_details, metadata, failed_attempts, "
            + "expires_at, responded_at, created_at, updated_at, expiry_emitted_at";

    private JdbcChallengeStore store;
    private FactorParents parents;
    private Sid factorSid;
    private Sid otherFactorSid;
    private Instant now;

    @BeforeEach
    void createParents() {
        store = new JdbcChallengeStore(database);
        String service = createService();
        parents = FactorParents.create(this, service, "user-00000001");
        factorSid = parents.factor();
        otherFactorSid = new Sid(SidType.FACTOR, verifiedTotpFactor(service, "user-00000001")[0]);
        now = clock.instant();
    }

    /** The filters a list request can combine. */
    private record Filter(Optional<Sid> factor, Optional<ChallengeStatus> status) {
        String expectedIndex() {
            if (factor.isPresent()) {
                return status.isPresent() ? "challenges_by_entity_factor_status" : "challenges_by_factor";
            }
            return status.isPresent() ? "challenges_by_entity_status" : "challenges_by_entity";
        }
    }

    private List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        for (Optional<Sid> factor : List.of(Optional.<Sid>empty(), Optional.of(factorSid))) {
            filters.add(new Filter(factor, Optional.empty()));
            for (ChallengeStatus status : ChallengeStatus.values()) {
                filters.add(new Filter(factor, Optional.of(status)));
            }
        }
        return filters;
    }

    @Test
    void everyFilterPagedBothWaysInBothOrdersReturnsExactlyItsRows() {
        // Ties on created_at (several rows in one millisecond) break on the SID; statuses as stored
        // and as read at now: pending live, pending past the deadline (the sweep's backlog), expired
        // as the sweep writes it, approved, denied.
        Random random = new Random(12);
        List<Challenge> all = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Instant created = now.minusSeconds(3600).plusMillis(random.nextInt(40) * 1000L);
            Sid factor = i % 3 == 0 ? otherFactorSid : factorSid;
            Challenge c = switch (i % 5) {
                case 0 -> challenge(factor, ChallengeStatus.PENDING, created, now.plusSeconds(60 + i));
                case 1 -> challenge(factor, ChallengeStatus.PENDING, created, now.minusSeconds(i));
                case 2 -> challenge(factor, ChallengeStatus.EXPIRED, created, now.minusSeconds(10));
                case 3 -> challenge(factor, ChallengeStatus.APPROVED, created, now.plusSeconds(60));
                default -> challenge(factor, ChallengeStatus.DENIED, created, now.minusSeconds(5));
            };
            store.insert(c);
            all.add(c);
        }
        // Exactly at its deadline a challenge reads expired.
        Challenge boundary = challenge(factorSid, ChallengeStatus.PENDING, now.minusSeconds(1), now);
        store.insert(boundary);
        all.add(boundary);

        for (Filter filter : filters()) {
            Predicate<Challenge> selected = c -> filter.factor().map(f -> f.equals(c.factorSid())).orElse(true)
                    && filter.status().map(s -> s == c.at(now).status()).orElse(true);
            for (SortOrder order : SortOrder.values()) {
                Comparator<Challenge> listOrder = Comparator.comparing(Challenge::dateCreated)
                        .thenComparing(c -> c.sid().value());
                if (order == SortOrder.DESC) {
                    listOrder = listOrder.reversed();
                }
                List<String> expected = all.stream().filter(selected).sorted(listOrder).map(c -> c.sid().value()).toList();
                assertThat(expected).as("the filter %s selects some rows", filter).isNotEmpty();

                List<List<String>> forward = new ArrayList<>();
                Page<Challenge> page = list(filter, new PageRequest(4, order, Optional.empty(), 0));
                forward.add(sids(page));
                int guard = 0;
                while (page.hasNext() && guard++ < 100) {
                    Challenge last = page.items().get(page.items().size() - 1);
                    page = list(filter, new PageRequest(4, order, Optional.of(cursor(Direction.AFTER, last)), 0));
                    forward.add(sids(page));
                }
                assertThat(forward.stream().flatMap(List::stream).toList()).as("%s %s forwards", filter, order)
                        .isEqualTo(expected);
                // Back from the last page, with the previous-page cursors: the same pages, reversed.
                List<List<String>> backward = new ArrayList<>();
                backward.add(sids(page));
                guard = 0;
                while (page.hasPrevious() && !page.items().isEmpty() && guard++ < 100) {
                    page = list(filter, new PageRequest(4, order, Optional.of(cursor(Direction.BEFORE, page.items().get(0))), 0));
                    backward.add(0, sids(page));
                }
                assertThat(backward).as("%s %s backwards", filter, order).isEqualTo(forward);
                // A Page number without a token (a bounded OFFSET) lands on the same rows.
                if (expected.size() > 4) {
                    assertThat(sids(list(filter, new PageRequest(4, order, Optional.empty(), 4)))).as("%s %s offset 4", filter, order)
                            .isEqualTo(forward.get(1));
                }
            }
        }
    }

    @Test
    void everyListQueryIsAnIndexRangeInListOrderStartingAtTheCursor() throws Exception {
        seed(parents.entity(), 24_000);
        seedOtherEntity(12_000);
        if (database.dialect() == Database.Dialect.POSTGRESQL) {
            database.jdbi().useHandle(h -> h.execute("ANALYZE challenges"));
        }
        Cursor deep = new Cursor(Direction.AFTER, now.minusSeconds(12_000).toEpochMilli(), "YC" + "8".repeat(32));
        Cursor before = new Cursor(Direction.BEFORE, now.minusSeconds(6_000).toEpochMilli(), "YC" + "8".repeat(32));
        List<String> failures = new ArrayList<>();
        for (Filter filter : filters()) {
            for (SortOrder order : SortOrder.values()) {
                for (Optional<Cursor> cursor : List.of(Optional.<Cursor>empty(), Optional.of(deep), Optional.of(before))) {
                    PageRequest request = new PageRequest(50, order, cursor, 0);
                    List<Plan> plans = plansOf(() -> list(filter, request));
                    assertThat(plans).as("one list query").hasSize(1);
                    String problem = plans.get(0).problem(filter.expectedIndex(), cursor.isPresent());
                    if (problem != null) {
                        failures.add(filter + " " + order + " cursor=" + cursor.map(Cursor::direction) + ": " + problem
                                + "\n" + plans.get(0).text());
                    }
                }
            }
        }
        assertThat(failures).as("queries that are not an ordered index range").isEmpty();
    }

    @Test
    void anotherEntitysFactorIsAnEmptyPageWithoutAWalkOfItsChallenges() {
        FactorParents other = seedOtherEntity(60);
        Optional<Sid> theirs = Optional.of(other.factor());
        assertThat(store.list(other.entity(), theirs, Optional.empty(), new PageRequest(50, SortOrder.DESC, Optional.empty(), 0), now)
                .items()).as("their own list of that factor").hasSize(50);
        List<Optional<ChallengeStatus>> statuses = new ArrayList<>(List.of(Optional.empty()));
        for (ChallengeStatus status : ChallengeStatus.values()) {
            statuses.add(Optional.of(status));
        }
        for (Optional<ChallengeStatus> status : statuses) {
            for (SortOrder order : SortOrder.values()) {
                PageRequest request = new PageRequest(50, order, Optional.empty(), 0);
                List<Page<Challenge>> pages = new ArrayList<>();
                List<Plan> plans = plansOf(() -> pages.add(store.list(parents.entity(), theirs, status, request, now)));
                assertThat(pages.get(0).items()).as("%s %s through this entity", status, order).isEmpty();
                assertThat(pages.get(0).hasNext()).isFalse();
                assertThat(pages.get(0).hasPrevious()).isFalse();
                assertThat(plans).as("no challenges query for a factor that is not the entity's").isEmpty();
            }
        }
    }

    private Page<Challenge> list(Filter filter, PageRequest request) {
        return store.list(parents.entity(), filter.factor(), filter.status(), request, now);
    }

    private static List<String> sids(Page<Challenge> page) {
        return page.items().stream().map(c -> c.sid().value()).toList();
    }

    private static Cursor cursor(Direction direction, Challenge c) {
        return new Cursor(direction, c.dateCreated().toEpochMilli(), c.sid().value());
    }

    private Challenge challenge(Sid factor, ChallengeStatus status, Instant created, Instant expires) {
        boolean answered = status == ChallengeStatus.APPROVED || status == ChallengeStatus.DENIED;
        Instant updated = status == ChallengeStatus.EXPIRED ? expires : answered ? created.plusSeconds(1) : created;
        return new Challenge(Sid.generate(SidType.CHALLENGE), parents.account(), parents.service(), parents.entity(), "user-00000001", factor,
                FactorType.TOTP, status, RespondedReason.NONE, new ChallengeDetails(Optional.of("Login"), List.of(), Optional.empty()),
                Optional.empty(), Optional.empty(), 0, expires, answered ? Optional.of(created.plusSeconds(1)) : Optional.empty(),
                created, updated);
    }

    /**
     * {@code count} rows on the entity, one a second back from now, in the mix a long-lived entity has:
     * mostly answered or expired (as the sweep stores them), a few live, a few past the deadline not
     * yet swept; every tenth on the second factor.
     */
    private void seed(Sid entity, int count) {
        database.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO challenges (" + COLUMNS + ") VALUES (:sid, :account, :service, :entity, "
                    + "'user', :factor, 'totp', :status, 'none', NULL, '[]', NULL, NULL, NULL, 0, :expires, :responded, :created, "
                    + ":created, :emitted)");
            for (int i = 0; i < count; i++) {
                long created = now.minusSeconds(count - i).toEpochMilli();
                String status;
                long expires;
                Long emitted = null;
                switch (i % 20) {
                    case 0 -> {
                        status = "pending";
                        expires = now.plusSeconds(300).toEpochMilli();
                    }
                    case 1 -> {
                        status = "pending";
                        expires = now.minusSeconds(1).toEpochMilli();
                    }
                    case 2, 3, 4, 5, 6, 7 -> {
                        status = "expired";
                        expires = created + 300_000;
                        emitted = expires + 1000;
                    }
                    case 8, 9, 10, 11, 12 -> {
                        status = "denied";
                        expires = created + 300_000;
                    }
                    default -> {
                        status = "approved";
                        expires = created + 300_000;
                    }
                }
                batch.bind("sid", Sid.generate(SidType.CHALLENGE).value()).bind("account", parents.account().value())
                        .bind("service", parents.service().value()).bind("entity", entity.value())
                        .bind("factor", (i % 10 == 3 ? otherFactorSid : factorSid).value()).bind("status", status)
                        .bind("expires", expires)
                        .bind("responded", status.equals("approved") || status.equals("denied") ? (Long) (created + 2000) : null)
                        .bind("created", created).bind("emitted", emitted).add();
                if (batch.size() == 1000) {
                    batch.execute();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        });
    }

    /** {@code count} rows on a second entity of the service, on one factor of its own: returned. */
    private FactorParents seedOtherEntity(int count) {
        FactorParents other = FactorParents.create(this, parents.service().value(), "user-00000002");
        Sid savedFactor = factorSid;
        Sid savedOther = otherFactorSid;
        factorSid = other.factor();
        otherFactorSid = factorSid;
        try {
            seed(other.entity(), count);
        } finally {
            factorSid = savedFactor;
            otherFactorSid = savedOther;
        }
        return other;
    }

    /** One statement's plan as the database gives it. */
    private interface Plan {
        /** What is wrong with it, or null: a scan of the table, a sort of rows not cut to a page, the wrong index. */
        String problem(String expectedIndex, boolean cursor);

        String text();
    }

    /** Runs {@code action} and explains each query it makes, on its connection, with its bound arguments. */
    private List<Plan> plansOf(Runnable action) {
        List<Plan> plans = new ArrayList<>();
        Thread caller = Thread.currentThread();
        SqlLogger capture = new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                // Only the list's own queries (a handle may also set up its connection), on this thread: the
                // server's own workers (the expiry sweep reads challenges too) share the Jdbi meanwhile.
                if (Thread.currentThread() != caller || !context.getRenderedSql().contains("FROM challenges")) {
                    return;
                }
                try {
                    plans.add(explain(context));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot explain " + context.getRenderedSql(), e);
                }
            }
        };
        database.jdbi().setSqlLogger(capture);
        try {
            action.run();
        } finally {
            database.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        return plans;
    }

    private Plan explain(StatementContext context) throws SQLException {
        boolean sqlite = database.dialect() == Database.Dialect.SQLITE;
        String sql = context.getParsedSql().getSql();
        List<String> names = context.getParsedSql().getParameters().getParameterNames();
        Connection connection = context.getConnection();
        try (PreparedStatement explain = connection.prepareStatement((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (FORMAT JSON) ") + sql)) {
            for (int i = 0; i < names.size(); i++) {
                Argument argument = context.getBinding().findForName(names.get(i), context)
                        .orElseThrow(() -> new IllegalStateException("unbound parameter"));
                argument.apply(i + 1, explain, context);
            }
            try (ResultSet rows = explain.executeQuery()) {
                if (sqlite) {
                    List<String[]> lines = new ArrayList<>();
                    while (rows.next()) {
                        lines.add(new String[] {rows.getString("id"), rows.getString("parent"), rows.getString("detail")});
                    }
                    return new SqlitePlan(lines);
                }
                rows.next();
                try {
                    return new PostgresPlan(JSON.readTree(rows.getString(1)).get(0).get("Plan"));
                } catch (java.io.IOException e) {
                    throw new SQLException("unreadable plan", e);
                }
            }
        }
    }

    /**
     * SQLite's {@code EXPLAIN QUERY PLAN}: every access to challenges a {@code SEARCH} on the expected
     * index (with the cursor in the range), no {@code SCAN challenges}; a temporary B-tree for the ORDER
     * BY only above a UNION ALL of branches each cut to a page.
     */
    private record SqlitePlan(List<String[]> lines) implements Plan {
        @Override
        public String problem(String expectedIndex, boolean cursor) {
            int searches = 0;
            for (String[] line : lines) {
                String detail = line[2];
                if (detail.startsWith("SCAN challenges")) {
                    return "a full scan: " + detail;
                }
                if (detail.startsWith("SEARCH challenges")) {
                    searches++;
                    if (!detail.contains("INDEX " + expectedIndex + " (")) {
                        return "not the index " + expectedIndex + ": " + detail;
                    }
                    if (cursor && !(detail.contains("(created_at,sid)>(?,?)") || detail.contains("(created_at,sid)<(?,?)"))) {
                        return "the cursor is not the start of the range: " + detail;
                    }
                }
                if (detail.contains("TEMP B-TREE") && besideASearch(line)) {
                    return "a sort of the entity's rows: " + detail;
                }
            }
            return searches == 0 ? "no index search" : null;
        }

        /**
         * Whether a sort step sorts what a search of challenges found (it hangs off the same node), rather
         * than the output of a branch already cut to a page (SQLite sorts each side of a MERGE (UNION ALL)).
         */
        private boolean besideASearch(String[] line) {
            return lines.stream().filter(l -> l[1].equals(line[1])).anyMatch(l -> l[2].startsWith("SEARCH challenges"));
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            lines.forEach(l -> out.append("  ").append(l[0]).append('/').append(l[1]).append(' ').append(l[2]).append('\n'));
            return out.toString();
        }
    }

    /**
     * PostgreSQL's plan tree: every scan of challenges an Index (Only) Scan on the expected index, with
     * the cursor in its Index Cond; a Sort only over Limits (the branches of a UNION ALL, each a page).
     */
    private record PostgresPlan(JsonNode root) implements Plan {
        @Override
        public String problem(String expectedIndex, boolean cursor) {
            List<String> problems = new ArrayList<>();
            int[] scans = {0};
            walk(root, false, expectedIndex, cursor, problems, scans);
            if (scans[0] == 0) {
                problems.add("no index scan");
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        private static void walk(JsonNode node, boolean underSort, String expectedIndex, boolean cursor, List<String> problems,
                int[] scans) {
            String type = node.path("Node Type").asText();
            String relation = node.path("Relation Name").asText("");
            boolean sortHere = type.equals("Sort") || type.equals("Incremental Sort");
            if (type.equals("Limit")) {
                underSort = false;
            }
            if (relation.equals("challenges")) {
                if (!(type.equals("Index Scan") || type.equals("Index Only Scan"))) {
                    problems.add(type + " on challenges");
                } else {
                    scans[0]++;
                    String index = node.path("Index Name").asText();
                    // For a factor and a status, PostgreSQL's costs are close between the status index and the factor's
                    // own (factor_sid, created_at, sid) with the status filtered, when the status is common (a third of
                    // the seeded rows are expired), and its sampled statistics tip it either way from run to run; both
                    // are an index range in list order from the cursor. SQLite always takes the status index.
                    boolean accepted = index.equals(expectedIndex)
                            || expectedIndex.equals("challenges_by_entity_factor_status") && index.equals("challenges_by_factor");
                    if (!accepted) {
                        problems.add("index " + index + ", not " + expectedIndex);
                    }
                    String condition = node.path("Index Cond").asText("");
                    if (cursor && !condition.contains("ROW(created_at, ")) {
                        problems.add("the cursor is not in the Index Cond: " + condition);
                    }
                }
                if (underSort) {
                    problems.add("a Sort over the challenges rows, not over pages");
                }
            }
            for (JsonNode child : node.path("Plans")) {
                walk(child, underSort || sortHere, expectedIndex, cursor, problems, scans);
            }
        }

        @Override
        public String text() {
            return root.toPrettyString();
        }
    }
}
