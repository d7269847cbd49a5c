package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.AssentServer;
import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.retention.Expirable;
import dev.assent.server.retention.RetentionJob;
import dev.assent.server.retention.RetentionSettings;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.JdbcRetentionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

/**
 * Retention at scale: a backlog of thousands of expired rows is deleted in bounded batches by a
 * server's own job while the API keeps answering, and two nodes deleting at once delete each row
 * exactly once.
 */
abstract class RetentionBacklogContract extends ApiFixture {

    private static final String ID = "user-00000001";
    private static final int BACKLOG = 3_000;

    /**
     * The API load below creates a challenge per round on one factor for as long as the deletion
     * takes: the challenge-creation limit is turned off for it, through its variable.
     */
    @Override
    ServerSettings settings() {
        return super.settings().withChallengeLimits(ChallengeLimits.fromEnvironment(Map.of(
                "ASSENT_LIMIT_CHALLENGE_CREATION", "off", "ASSENT_LIMIT_CHALLENGE_CREATION_SHORT_CODES", "off")));
    }

    @Test
    void aBacklogIsDeletedInBatchesByTheServersOwnJobWhileTheApiKeepsAnswering() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        Instant old = clock.instant();
        seedChallenges(service, factor[0], BACKLOG, old);
        clock.advance(Duration.ofDays(31));
        assertThat(oldChallenges(old)).isEqualTo(BACKLOG);

        // A second node with retention's default pacing (500 rows a batch, 50 ms apart); its job's
        // first pass starts with the node. The API is asked on the first node meanwhile.
        ServerConfig config = new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
        long started = System.nanoTime();
        AssentServer second = AssentServer.start(config.withSettings(ServerSettings.DEFAULTS.withEncryption(encryptionKeys)),
                reopenDatabase(), clock);
        List<String> created = new ArrayList<>();
        List<Integer> partial = new ArrayList<>();
        long slowestNanos = 0;
        int answered = 0;
        try {
            long deadline = started + Duration.ofSeconds(60).toNanos();
            int remaining = BACKLOG;
            while (remaining > 0 && System.nanoTime() < deadline) {
                long before = System.nanoTime();
                Http.Reply write = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor[0]));
                Http.Reply read = http.get(auth, entityPath(service, ID) + "/Factors/" + factor[0]);
                slowestNanos = Math.max(slowestNanos, (System.nanoTime() - before) / 2);
                assertThat(write.status()).as(write.raw().body()).isEqualTo(201);
                assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
                created.add(write.text("sid"));
                answered += 2;
                remaining = oldChallenges(old);
                if (remaining > 0 && remaining < BACKLOG) {
                    partial.add(remaining);
                }
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("%s: %d expired challenges deleted in %d ms (from node start) while %d API requests were "
                    + "answered, slowest %.1f ms; remaining counts seen: %s%n", getClass().getSimpleName(), BACKLOG, tookMillis,
                    answered, slowestNanos / 1e6, partial);
            assertThat(remaining).as("backlog left after 60 s").isZero();
        } finally {
            second.close();
        }
        assertThat(partial).as("the backlog shrinks batch by batch, never in one statement").isNotEmpty()
                .allMatch(n -> n % RetentionSettings.DEFAULT_BATCH_SIZE == 0);
        assertThat(answered).isPositive();
        // What the API made meanwhile is inside its retention and stays.
        assertThat(sids("SELECT sid FROM challenges")).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void twoNodesDeletingAtOnceDeleteEachRowExactlyOnce() throws Exception {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        Instant old = clock.instant();
        seedChallenges(service, factor[0], BACKLOG, old);
        seedUnverifiedFactors(service, 1_000, old);
        seedAccessTokens(service, 1_000, old);
        clock.advance(Duration.ofDays(31));

        RetentionSettings small = RetentionSettings.DEFAULTS.withPacing(Duration.ofMinutes(10), 100, Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database other = reopenDatabase()) {
            RetentionJob first = new RetentionJob(new JdbcRetentionStore(database), database, small, clock);
            RetentionJob second = new RetentionJob(new JdbcRetentionStore(other), other, small, clock);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Map<Expirable, Integer>>> passes = new ArrayList<>();
            for (RetentionJob job : List.of(first, second)) {
                passes.add(pool.submit(() -> {
                    go.await();
                    return job.pass();
                }));
            }
            go.countDown();
            Map<Expirable, Integer> a = passes.get(0).get(120, TimeUnit.SECONDS);
            Map<Expirable, Integer> b = passes.get(1).get(120, TimeUnit.SECONDS);
            System.out.printf("%s: node A deleted %s, node B deleted %s%n", getClass().getSimpleName(), a, b);

            assertThat(a.get(Expirable.CHALLENGES) + b.get(Expirable.CHALLENGES)).isEqualTo(BACKLOG);
            assertThat(a.get(Expirable.UNVERIFIED_FACTORS) + b.get(Expirable.UNVERIFIED_FACTORS)).isEqualTo(1_000);
            assertThat(a.get(Expirable.ACCESS_TOKENS) + b.get(Expirable.ACCESS_TOKENS)).isEqualTo(1_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM challenges")).isZero();
        assertThat(count("SELECT COUNT(*) FROM access_tokens")).isZero();
        assertThat(sids("SELECT sid FROM factors")).containsExactly(factor[0]);
    }

    private int oldChallenges(Instant old) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM challenges WHERE expires_at <= :old")
                .bind("old", old.toEpochMilli()).mapTo(Integer.class).one());
    }

    private List<String> sids(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private int count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private String entitySid(String service) {
        return http.get(auth, entityPath(service, ID)).text("sid");
    }

    /** Pending TOTP challenges that expired at {@code expiredAt}, written in one transaction. */
    private void seedChallenges(String service, String factorSid, int n, Instant expiredAt) {
        String entity = entitySid(service);
        database.run(() -> database.jdbi().useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO challenges (sid, account_sid, service_sid, entity_sid, identity, "
                    + "factor_sid, factor_type, status, responded_reason, details_fields, failed_attempts, expires_at, created_at, "
                    + "updated_at, expiry_emitted_at) VALUES (:sid, :account, :service, :entity, :identity, :factor, 'totp', "
                    + "'pending', 'none', '[]', 0, :at, :at, :at, :at)");
            for (int i = 0; i < n; i++) {
                batch.bind("sid", sid("YC")).bind("account", account.sid().value()).bind("service", service)
                        .bind("entity", entity).bind("identity", ID).bind("factor", factorSid)
                        .bind("at", expiredAt.toEpochMilli()).add();
            }
            batch.execute();
        }));
    }

    private void seedUnverifiedFactors(String service, int n, Instant createdAt) {
        String entity = entitySid(service);
        database.run(() -> database.jdbi().useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO factors (sid, account_sid, service_sid, entity_sid, identity, "
                    + "friendly_name, factor_type, status, failed_attempts, totp_secret, totp_alg, totp_code_length, totp_time_step, "
                    + "totp_skew, created_at, updated_at) VALUES (:sid, :account, :service, :entity, :identity, 'Seeded', 'totp', "
                    + "'unverified', 0, 'JBSWY3DPEHPK3PXP', 'sha1', 6, 30, 1, :at, :at)");
            for (int i = 0; i < n; i++) {
                batch.bind("sid", sid("YF")).bind("account", account.sid().value()).bind("service", service)
                        .bind("entity", entity).bind("identity", ID).bind("at", createdAt.toEpochMilli()).add();
            }
            batch.execute();
        }));
    }

    private void seedAccessTokens(String service, int n, Instant createdAt) {
        database.run(() -> database.jdbi().useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO access_tokens (sid, account_sid, service_sid, identity, factor_type, "
                    + "ttl, token, expires_at, created_at) VALUES (:sid, :account, :service, :identity, 'push', 60, 'seeded', "
                    + ":expires, :at)");
            for (int i = 0; i < n; i++) {
                batch.bind("sid", sid("YK")).bind("account", account.sid().value()).bind("service", service)
                        .bind("identity", ID).bind("expires", createdAt.plusSeconds(60).toEpochMilli())
                        .bind("at", createdAt.toEpochMilli()).add();
            }
            batch.execute();
        }));
    }

    private static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
