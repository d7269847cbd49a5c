package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.account.Account;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.push.PushConfig;
import dev.assent.server.webhook.WebhookSettings;
import dev.assent.server.worker.WorkerSettings;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No account can starve another: account A's hanging FCM endpoint, hanging webhook receiver, a push
 * credential whose use throws, or a webhook URL that throws at send time hold at most A's share of
 * the workers' slots, and account B's push and webhook still arrive within {@link #FAIR} (each test
 * prints the delay it measured). A job whose sender throws counts its attempts and gives up.
 */
abstract class FairDeliveryContract extends ApiFixture {

    static final Duration FAIR = Duration.ofSeconds(2);
    static final int CONCURRENCY = 4;
    static final int PER_ACCOUNT = 2;
    static final int BREAKER_FAILURES = 5;
    static final Duration COOL_DOWN = Duration.ofSeconds(30);
    static final int MAX_ATTEMPTS = 4;
    /** More of A's jobs than the workers have slots. */
    static final int FLOOD = 6;

    final KeyPair serviceAccountKeys = PushTestKeys.rsaKeyPair();
    FakeFcm fcm;
    WebhookReceiver receiverA;
    WebhookReceiver receiverB;
    String authB;

    @Override
    PushConfig pushConfig() {
        fcm = FakeFcm.start();
        // No APNs here: the APNs port is never contacted.
        return PushConfig.local(fcm.baseUri().getPort(), Optional.empty(), fcm.baseUri(), Duration.ofMillis(50));
    }

    @Override
    WebhookSettings webhookSettings() {
        // A 10 s request timeout: a hanging receiver holds its slot through the whole measurement.
        return new WebhookSettings(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(4), MAX_ATTEMPTS,
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(10), CONCURRENCY);
    }

    @Override
    ServerSettings settings() {
        return super.settings().withWorkers(new WorkerSettings(CONCURRENCY, PER_ACCOUNT, BREAKER_FAILURES, COOL_DOWN,
                Duration.ofSeconds(1)));
    }

    @BeforeEach
    void secondAccountAndReceivers() {
        receiverA = new WebhookReceiver();
        receiverB = new WebhookReceiver();
        Account b = server.accounts().create();
        authB = Http.basic(b.sid().value(), b.authToken().reveal());
    }

    /** Runs before the server stops (a subclass's methods run first), so it waits for nothing held. */
    @AfterEach
    void stopPeers() {
        fcm.close();
        receiverA.close();
        receiverB.close();
    }

    @Test
    void aHangingFcmEndpointOfOneAccountDoesNotDelayAnothersPush() {
        fcm.stall("tenant-a");
        String serviceA = serviceWithFcm(auth, "tenant-a", fcm.baseUri() + "/token");
        TestDevice deviceA = verifiedFcmDevice(auth, serviceA, "alice-0001");
        for (int i = 0; i < FLOOD; i++) {
            createPushChallenge(auth, serviceA, "alice-0001", deviceA);
        }
        await("A's sends to hang", () -> fcm.stalled() == PER_ACCOUNT);

        assertPushOfBArrivesFairly("while A's FCM endpoint hangs");
        assertThat(fcm.maxStalled()).as("A holds at most its share of the push slots").isEqualTo(PER_ACCOUNT);
    }

    @Test
    void aHangingWebhookReceiverOfOneAccountDoesNotDelayAnothersWebhook() {
        receiverA.stallAll();
        String serviceA = service(auth);
        webhook(auth, serviceA, receiverA.url("/hook"));
        for (int i = 0; i < FLOOD; i++) {
            createTotpFactor(auth, serviceA, "user-0000000" + i);
        }
        await("A's deliveries to hang", () -> receiverA.inFlight() == PER_ACCOUNT);

        assertWebhookOfBArrivesFairly("while A's receiver hangs");
        assertThat(receiverA.maxInFlight()).as("A holds at most its share of the webhook slots").isEqualTo(PER_ACCOUNT);
    }

    @Test
    void aPushCredentialThatAlwaysFailsDoesNotDelayAnothersPushAndItsJobsGiveUp() {
        // A service account whose private key passes the PEM check when written but cannot be
        // loaded: every send of this credential fails before any connection is made.
        String serviceA = serviceWithPoisonedFcm(auth, "tenant-a");
        TestDevice deviceA = verifiedFcmDevice(auth, serviceA, "alice-0001");
        // As many as make the credential's breaker open: each of them is attempted.
        List<String> challengesA = new ArrayList<>();
        for (int i = 0; i < BREAKER_FAILURES; i++) {
            challengesA.add(createPushChallenge(auth, serviceA, "alice-0001", deviceA));
        }
        await("A's pushes to fail", () -> challengesA.stream().allMatch(c -> job(c).map(j -> j.attempts() == 1
                && j.lastError() != null && j.lastError().contains(UNUSABLE_KEY)).orElse(false)));

        assertPushOfBArrivesFairly("while A's credential fails");

        // The credential failed BREAKER_FAILURES times in a row: its next push is deferred for the
        // cool-down, neither attempted nor counted.
        Instant now = clock.instant();
        String deferred = createPushChallenge(auth, serviceA, "alice-0001", deviceA);
        await("A's next push deferred", () -> job(deferred).map(j -> j.nextAttemptAt() == now.plus(COOL_DOWN).toEpochMilli())
                .orElse(false));
        assertThat(job(deferred).orElseThrow()).satisfies(j -> {
            assertThat(j.status()).isEqualTo("pending");
            assertThat(j.attempts()).isZero();
            assertThat(j.lastError()).isNull();
        });
    }

    @Test
    void aPushWhoseSendAlwaysFailsCountsItsAttemptsAndGivesUp() {
        String service = serviceWithPoisonedFcm(auth, "tenant-a");
        TestDevice device = verifiedFcmDevice(auth, service, "alice-0001");
        String challenge = createPushChallenge(auth, service, "alice-0001", device);

        // Back-off 5, 10, 20, 40, 80 s (the breaker opens after the fifth failure and is half-open
        // again before the next try), then 160 s, past the push's 5-minute TTL: given up.
        awaitAdvancing("the push given up", Duration.ofSeconds(1), () -> job(challenge).map(j -> !j.status().equals("pending"))
                .orElse(false));
        Job job = job(challenge).orElseThrow();
        System.out.printf("fair delivery: a push whose send always fails gave up after %d attempts%n", job.attempts());
        assertThat(job.status()).isEqualTo("expired");
        assertThat(job.attempts()).isGreaterThanOrEqualTo(BREAKER_FAILURES + 1);
        assertThat(job.lastError()).contains(UNUSABLE_KEY);
    }

    @Test
    void aWebhookUrlThatFailsAtSendTimeDoesNotDelayAnothersWebhookAndGivesUpAfterItsAttempts() {
        // A host name is not resolved when the URL is written; at send time this fixture's resolver
        // knows no name, so every attempt fails before any connection is made.
        String serviceA = service(auth);
        String webhookA = webhook(auth, serviceA, "http://receiver.invalid/hook");
        // As many as make the receiver's breaker open: each of them is attempted.
        for (int i = 0; i < BREAKER_FAILURES; i++) {
            createTotpFactor(auth, serviceA, "user-0000000" + i);
        }
        await("A's deliveries to fail", () -> deliveries(auth, serviceA, webhookA).stream()
                .allMatch(d -> d.attempts() == 1 && "name not resolved".equals(d.lastError())));

        assertWebhookOfBArrivesFairly("while A's URL fails");

        // Attempts 1 s, 2 s, 4 s apart; once the receiver's breaker is open, one trial per 30 s cool-down.
        awaitAdvancing("A's deliveries given up", Duration.ofSeconds(5),
                () -> deliveries(auth, serviceA, webhookA).stream().allMatch(d -> d.status().equals("failed")));
        assertThat(deliveries(auth, serviceA, webhookA)).hasSize(BREAKER_FAILURES).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(d.lastError()).isEqualTo("name not resolved");
        });
    }

    // ---- helpers

    /** What the FCM sender records for a service account whose key cannot be loaded. */
    static final String UNUSABLE_KEY = "unusable private key";

    /** Account B enrols a device and sends it a push: it reaches FCM within {@link #FAIR} (the delay is printed). */
    void assertPushOfBArrivesFairly(String circumstance) {
        String serviceB = serviceWithFcm(authB, "tenant-b", fcm.baseUri() + "/token");
        TestDevice deviceB = verifiedFcmDevice(authB, serviceB, "bob-00001");
        long start = System.nanoTime();
        createPushChallenge(authB, serviceB, "bob-00001", deviceB);
        Duration delay = awaitSend("/v1/projects/tenant-b/messages:send", start);
        report("push of B " + circumstance, delay);
        assertThat(delay).isLessThan(FAIR);
    }

    /** Account B's event reaches B's own receiver within {@link #FAIR} (the delay is printed). */
    void assertWebhookOfBArrivesFairly(String circumstance) {
        String serviceB = service(authB);
        webhook(authB, serviceB, receiverB.url("/hook"));
        long start = System.nanoTime();
        createTotpFactor(authB, serviceB, "user-b0000001");
        await("B's delivery", () -> receiverB.received("/hook").size() == 1);
        Duration delay = Duration.ofNanos(System.nanoTime() - start);
        report("webhook of B " + circumstance, delay);
        assertThat(delay).isLessThan(FAIR);
    }

    static void report(String what, Duration delay) {
        System.out.printf("fair delivery: %s arrived after %d ms%n", what, delay.toMillis());
    }

    Duration awaitSend(String path, long start) {
        long deadline = start + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                FakeFcm.Received send = fcm.sends.poll(10, TimeUnit.MILLISECONDS);
                if (send != null && send.path().equals(path)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no send to " + path + " within " + WAIT);
    }

    String service(String auth) {
        Http.Reply reply = http.post(auth, "/v2/Services", params("FriendlyName", "Fair"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    String webhook(String auth, String service, String url) {
        Http.Reply reply = http.post(auth, "/v2/Services/" + service + "/Webhooks", params("FriendlyName", "Backend",
                "WebhookUrl", url, "EventTypes", "factor.created"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    void createTotpFactor(String auth, String service, String identity) {
        Http.Reply created = http.post(auth, entityPath(service, identity) + "/Factors",
                params("FriendlyName", "Authenticator", "FactorType", "totp"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    String serviceWithPoisonedFcm(String auth, String projectId) {
        String json = PushTestKeys.serviceAccountJson(serviceAccountKeys, projectId, fcm.baseUri() + "/token")
                .replaceAll("(-----BEGIN PRIVATE KEY-----\\\\n)[^-]*(-----END)", "$1bm90IGEga2V5\\\\n$2");
        assertThat(json).contains("bm90IGEga2V5");
        return serviceWithFcmCredential(auth, json);
    }

    String serviceWithFcm(String auth, String projectId, String tokenUri) {
        return serviceWithFcmCredential(auth, PushTestKeys.serviceAccountJson(serviceAccountKeys, projectId, tokenUri));
    }

    TestDevice verifiedFcmDevice(String auth, String service, String identity) {
        return verifiedPushDevice(auth, service, identity, "Phone", "fcm", "fcm-registration-token-" + identity);
    }

    String createPushChallenge(String auth, String service, String identity, TestDevice device) {
        Http.Reply reply = http.post(auth, entityPath(service, identity) + "/Challenges", params(
                "FactorSid", device.factorSid, "Details.Message", "Sign in?"));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.text("sid");
    }

    record Job(String status, int attempts, String lastError, long nextAttemptAt) {
    }

    Optional<Job> job(String challengeSid) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT status, attempts, last_error, next_attempt_at FROM push_jobs "
                + "WHERE challenge_sid = :c")
                .bind("c", challengeSid)
                .map((rs, ctx) -> new Job(rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getLong("next_attempt_at")))
                .findFirst());
    }

    record DeliveryRow(String status, int attempts, String lastError) {
    }

    List<DeliveryRow> deliveries(String auth, String service, String webhook) {
        Http.Reply reply = http.get(auth, "/v2/Services/" + service + "/Webhooks/" + webhook + "/Deliveries?PageSize=100");
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        List<DeliveryRow> rows = new ArrayList<>();
        reply.json().get("deliveries").forEach(d -> rows.add(new DeliveryRow(d.get("status").asText(), d.get("attempts").asInt(),
                d.get("last_error").isNull() ? null : d.get("last_error").asText())));
        return rows;
    }
}
