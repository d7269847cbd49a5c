package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/**
 * The SQL statements one request costs, counted on the database the real server uses while it serves the
 * request over HTTP: statements on request threads (virtual) and on the embedded database's group-commit
 * writer, which runs a request's write transaction (without the savepoint that frames it in its batch). The background workers run on platform threads of
 * their own and the test's clock stands still, so none of their polling is counted. Each count is pinned
 * with the statements listed, so a change that adds a read shows which.
 */
abstract class ReadsPerRequestContract extends ApiFixture {

    private static final String ID = "user-00000001";

    @Test
    void aDeviceFetchOfItsChallengeIsTwoStatements() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = challengePath(service, ID, sid);
        String jwt = device.auth(clock.instant());
        http.get(jwt, path); // warm: caches that any request may fill (the parsed key) are filled

        List<String> statements = statementsOf(() -> assertThat(http.get(jwt, path).status()).isEqualTo(200));

        assertThat(statements).as("device fetch").hasSize(2);
    }

    @Test
    void aDeviceApprovalIsFourStatements() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = challengePath(service, ID, sid);
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved");
        String jwt = device.auth(clock.instant());

        List<String> statements = statementsOf(() -> {
            Http.Reply approved = http.post(jwt, path, params("AuthPayload", answer));
            assertThat(approved.text("status")).as(approved.raw().body()).isEqualTo("approved");
        });

        assertThat(statements).as("device approval").hasSize(4);
    }

    @Test
    void aBackendCreateOfAPushChallengeIsSixStatements() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        createPushChallenge(service, ID, device, "warm");

        List<String> statements = statementsOf(() -> {
            JsonNode created = createPushChallenge(service, ID, device, "Login");
            assertThat(created.get("status").asText()).isEqualTo("pending");
        });

        assertThat(statements).as("backend create").hasSize(6);
    }

    /** The statements the server runs for the requests {@code action} makes, in order; printed for the report. */
    private List<String> statementsOf(Runnable action) {
        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        Supplier<Boolean> counted = () -> Thread.currentThread().isVirtual()
                || Thread.currentThread().getName().equals("assent-sqlite-writer");
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                // The group commit's own SAVEPOINT and RELEASE frame each request's transaction in its batch on
                // SQLite; they are not the request's statements (PostgreSQL has no such framing).
                String sql = context.getRenderedSql();
                if (counted.get() && !sql.startsWith("SAVEPOINT") && !sql.startsWith("RELEASE")) {
                    statements.add(context.getRenderedSql().replaceAll("\\s+", " "));
                }
            }
        });
        try {
            action.run();
        } finally {
            database.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        List<String> copy = List.copyOf(statements);
        System.out.println(getClass().getSimpleName() + ": " + copy.size() + " statements");
        copy.forEach(s -> System.out.println("  " + s));
        return copy;
    }
}
