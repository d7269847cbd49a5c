package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.retention.Expirable;
import dev.assent.server.retention.RetentionJob;
import dev.assent.server.retention.RetentionSettings;
import dev.assent.server.storage.JdbcRetentionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passkeys logins ({@code passkey_challenges}) in the retention job, with real ceremonies over HTTP: an
 * approved or expired login whose end is older than the challenges' period (30 days) is deleted in
 * bounded batches, whatever its other time says; one that ended inside the period, or has not ended,
 * stays; creating logins deletes nothing; {@code off} keeps them all.
 */
abstract class PasskeyRetentionContract extends PasskeyFixture {

    @Override
    ServerSettings settings() {
        // The server's own job runs once at start (nothing is old then); the test runs the passes.
        return super.settings().withRetention(RetentionSettings.DEFAULTS.withPacing(Duration.ofHours(1), 500, Duration.ZERO));
    }

    @Test
    void loginsThatEndedBeforeTheChallengesPeriodAreDeletedInBatchesAndTheOthersStay() {
        Instant start = clock.instant();
        String service = passkeyService();
        TestPasskey passkey = es256();
        registered(service, ALICE, passkey);

        JsonNode approvedOld = login(service, "{}");
        ObjectNode approvedOldAssertion = passkey.get(approvedOld.get("options"));
        approve(service, approvedOldAssertion, 200);
        JsonNode expiredOld = login(service, "{}");
        clock.advance(Duration.ofMinutes(56));
        // Pending at the cutoff (start + 1 h), its deadline 1 minute after it: ended inside the period.
        JsonNode expiredAtTheEdge = login(service, "{}");
        clock.advance(Duration.ofMinutes(2));
        JsonNode approvedAtTheEdge = login(service, "{}");
        clock.advance(Duration.ofMinutes(1));
        // Approved 1 minute before the cutoff; its deadline (3 minutes after the cutoff) is inside the period.
        approve(service, passkey.get(approvedAtTheEdge.get("options")), 200);
        clock.advance(Duration.ofDays(10));
        JsonNode expiredInside = login(service, "{}");
        clock.advance(Duration.ofDays(20).plusMinutes(1));
        // Now: start + 30 days + 1 hour; the cutoff is start + 1 hour.
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofDays(30).plusHours(1)));
        JsonNode approvedFresh = login(service, "{}");
        approve(service, passkey.get(approvedFresh.get("options")), 200);
        JsonNode pendingFresh = login(service, "{}");

        // Creating logins deleted nothing: the old rows are all there, 30 days past their deadlines.
        assertThat(logins()).containsExactlyInAnyOrder(sid(approvedOld), sid(expiredOld), sid(expiredAtTheEdge),
                sid(approvedAtTheEdge), sid(expiredInside), sid(approvedFresh), sid(pendingFresh));
        assertThat(sids("SELECT sid FROM challenges")).containsExactlyInAnyOrder(sid(approvedOld), sid(approvedAtTheEdge),
                sid(approvedFresh));

        // One bounded delete takes at most its limit.
        Instant cutoff = clock.instant().minus(RetentionSettings.DEFAULT_CHALLENGES);
        JdbcRetentionStore store = new JdbcRetentionStore(database);
        assertThat(database.inTransaction(() -> store.deleteEndedBefore(Expirable.PASSKEY_CHALLENGES, cutoff, 2))).isEqualTo(2);
        // The job, with batches of 1, takes the rest in its pass (one batch deletes it, the next finds none).
        RetentionJob job = new RetentionJob(store, database, RetentionSettings.DEFAULTS.withPacing(Duration.ofHours(1), 1,
                Duration.ZERO), clock);
        Map<Expirable, Integer> deleted = job.pass();
        assertThat(deleted.get(Expirable.PASSKEY_CHALLENGES)).isEqualTo(1);
        // The approved logins' copies among the ordinary challenges go by their own kind.
        assertThat(deleted.get(Expirable.CHALLENGES)).isEqualTo(2);

        assertThat(logins()).containsExactlyInAnyOrder(sid(expiredAtTheEdge), sid(expiredInside), sid(approvedFresh),
                sid(pendingFresh));
        assertThat(sids("SELECT sid FROM challenges")).containsExactly(sid(approvedFresh));
        // A replay of the deleted login is a challenge this service does not know; what is kept still works.
        assertError(approve(service, approvedOldAssertion), 404, 60391);
        approve(service, passkey.get(pendingFresh.get("options")), 200);
        assertThat(job.pass().values()).allMatch(n -> n == 0);
    }

    @Test
    void offKeepsEveryLogin() {
        String service = passkeyService();
        TestPasskey passkey = es256();
        registered(service, ALICE, passkey);
        JsonNode approved = login(service, "{}");
        approve(service, passkey.get(approved.get("options")), 200);
        JsonNode expired = login(service, "{}");
        clock.advance(Duration.ofDays(3650));

        RetentionJob job = new RetentionJob(new JdbcRetentionStore(database), database, RetentionSettings.OFF, clock);

        assertThat(job.pass()).isEmpty();
        assertThat(logins()).containsExactlyInAnyOrder(sid(approved), sid(expired));
    }

    private void approve(String service, ObjectNode assertion, int status) {
        Http.Reply reply = approve(service, assertion);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
    }

    private static String sid(JsonNode challenge) {
        return challenge.get("sid").asText();
    }

    private List<String> logins() {
        return sids("SELECT sid FROM passkey_challenges");
    }

    private List<String> sids(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
