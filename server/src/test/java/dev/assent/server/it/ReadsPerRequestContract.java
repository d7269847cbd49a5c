package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.storage.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each row read once per request, counted on the real database: the SQL statements the server runs
 * for a device fetch, a device approval and a backend's challenge creation, seen through JDBI's
 * statement hook on the server's own {@code Jdbi} (nothing replaces the database). A change that
 * reads a row twice again fails here. And what is not re-read is still not trusted: a factor deleted
 * while an answer waits to write fails the answer, and a factor deleted through one node fails on
 * another node at its next request.
 */
abstract class ReadsPerRequestContract extends ApiFixture {

    private static final String ID = "user-00000001";

    private StatementLog statements;

    @BeforeEach
    void recordStatements() {
        statements = StatementLog.install(database.jdbi());
    }

    private List<StatementLog.Statement> during(Runnable request) {
        statements.start();
        request.run();
        return statements.stop();
    }

    @Test
    void aDeviceFetchReadsEachRowOnce() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String path = challengePath(service, ID, createPushChallenge(service, ID, device, "Login").get("sid").asText());
        Http.Reply[] fetched = new Http.Reply[1];

        List<StatementLog.Statement> fetch = during(() -> fetched[0] = http.get(device.auth(clock.instant()), path));

        assertThat(fetched[0].status()).as(fetched[0].raw().body()).isEqualTo(200);
        // The factor by the JWT's kid (with the parsed key, kept in the principal), its account, the path's
        // service and entity, the challenge: one read each, and no write.
        assertThat(StatementLog.counts(fetch)).as(fetch.toString()).isEqualTo(Map.of(
                "SELECT factors", 1, "SELECT accounts", 1, "SELECT services", 1, "SELECT entities", 1, "SELECT challenges", 1));
    }

    @Test
    void aDeviceApprovalReadsEachRowOnceAndWritesOnTheRowAsRead() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = challengePath(service, ID, sid);
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved");
        Http.Reply[] answered = new Http.Reply[1];

        List<StatementLog.Statement> approve = during(() -> answered[0] = http.post(device.auth(clock.instant()), path,
                params("AuthPayload", answer)));

        assertThat(answered[0].status()).as(answered[0].raw().body()).isEqualTo(200);
        assertThat(answered[0].text("status")).isEqualTo("approved");
        // Was: the factor 3 times, the challenge 3 times. The webhooks read is the event fan-out's (none here).
        assertThat(StatementLog.counts(approve)).as(approve.toString()).isEqualTo(Map.of(
                "SELECT factors", 1, "SELECT accounts", 1, "SELECT services", 1, "SELECT entities", 1, "SELECT challenges", 1,
                "UPDATE challenges", 1, "SELECT webhooks", 1));
        // The one write is a compare-and-set on the state the decision was taken on.
        assertThat(approve).filteredOn(s -> s.key().equals("UPDATE challenges")).singleElement()
                .satisfies(s -> assertThat(s.sql()).contains("WHERE sid = :sid AND status = :stored_status")
                        .contains("AND failed_attempts = :stored_attempts").contains("AND expires_at = :stored_expires_at"));
        assertThat(stored("challenges", "status", sid)).isEqualTo("approved");
    }

    @Test
    void aBackendChallengeCreationReadsEachRowOnce() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String[] sid = new String[1];

        List<StatementLog.Statement> create = during(() -> sid[0] = createPushChallenge(service, ID, device, "Login").get("sid").asText());

        // The auth token's account row once (it was read twice: to check the token, then whether it is
        // active), service, entity and factor once each. The three SELECTs on challenges are the creation
        // limits' index range reads (ChallengeQuota), no challenge row; the factor UPDATE is its row lock.
        assertThat(StatementLog.counts(create)).as(create.toString()).isEqualTo(Map.of(
                "SELECT accounts", 1, "SELECT services", 1, "SELECT entities", 1, "SELECT factors", 1,
                "UPDATE factors", 1, "SELECT challenges", 3, "INSERT challenges", 1));
        assertThat(create).filteredOn(s -> s.key().equals("SELECT challenges"))
                .allSatisfy(s -> assertThat(s.sql()).startsWith("SELECT ").doesNotContain("WHERE sid"));
        assertThat(stored("challenges", "status", sid[0])).isEqualTo("pending");
    }

    @Test
    void aFactorDeletedWhileTheAnswerWaitsToWriteFailsTheAnswer() throws Exception {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String sid = createPushChallenge(service, ID, device, "Login").get("sid").asText();
        String path = challengePath(service, ID, sid);
        Http.Reply fetched = http.get(device.auth(clock.instant()), path);
        String answer = device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "approved");
        String deviceAuth = device.auth(clock.instant());

        // Another node deletes the factor (its challenges go with it) and has not committed yet: the
        // answer authenticates and reads the challenge from the committed state, then must wait to write.
        CompletableFuture<Http.Reply> answered;
        try (Handle deleter = database.jdbi().open()) {
            deleter.begin();
            assertThat(deleter.createUpdate("DELETE FROM factors WHERE sid = :sid").bind("sid", device.factorSid).execute()).isEqualTo(1);
            answered = CompletableFuture.supplyAsync(() -> http.post(deviceAuth, path, params("AuthPayload", answer)));
            awaitTheAnswerWaitingToWrite(answered);
            deleter.commit();
        }

        Http.Reply reply = answered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertError(reply, 404, 20404);
        // Nothing was written after the refusal: the challenge went with its factor, and was never approved.
        assertThat(count("SELECT COUNT(*) FROM challenges WHERE sid = '" + sid + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM factors WHERE sid = '" + device.factorSid + "'")).isZero();
        assertError(http.get(device.auth(clock.instant()), path), 401, 20003);
    }

    @Test
    void aFactorDeletedThroughOneNodeFailsOnTheOtherAtItsNextRequest() {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        String path = challengePath(service, ID, createPushChallenge(service, ID, device, "Login").get("sid").asText());
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        try (AssentServer second = AssentServer.start(config.withSettings(settings()), reopenDatabase(), clock)) {
            Http other = new Http(second.publicBase());
            // Both nodes have authenticated the device (and parsed its key) before the delete.
            for (int i = 0; i < 3; i++) {
                assertThat(http.get(device.auth(clock.instant()), path).status()).isEqualTo(200);
                assertThat(other.get(device.auth(clock.instant()), path).status()).isEqualTo(200);
            }

            assertThat(http.delete(auth, entityPath(service, ID) + "/Factors/" + device.factorSid).status()).isEqualTo(204);

            assertError(other.get(device.auth(clock.instant()), path), 401, 20003);
            assertError(other.post(device.auth(clock.instant()), entityPath(service, ID) + "/Factors/" + device.factorSid,
                    params("FriendlyName", "still here?")), 401, 20003);
            assertError(http.get(device.auth(clock.instant()), path), 401, 20003);
        }
    }

    private long count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /**
     * Waits until the answer is blocked on the deleter's lock, at its write: on PostgreSQL its UPDATE
     * waits on the row lock (pg_stat_activity says so); on SQLite the group-commit writer waits in
     * SQLite's busy handler for the write lock (its thread is inside the driver's native code).
     */
    private void awaitTheAnswerWaitingToWrite(CompletableFuture<Http.Reply> answered) {
        await("the answer waiting for the deleter's lock", () -> {
            if (answered.isDone()) {
                throw new AssertionError("the answer did not wait for the delete: " + answered.join().raw().body());
            }
            return database.dialect() == Database.Dialect.POSTGRESQL
                    ? count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            + "AND query LIKE 'UPDATE challenges SET status%'") == 1
                    : sqliteWriterWaitsForTheLock();
        });
    }

    private static boolean sqliteWriterWaitsForTheLock() {
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (info.getThreadName().equals("assent-sqlite-writer") && Arrays.stream(info.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().startsWith("org.sqlite.core."))) {
                return true;
            }
        }
        return false;
    }
}
