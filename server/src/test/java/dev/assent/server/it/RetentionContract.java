package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.config.ServerSettings;
import dev.assent.server.retention.Expirable;
import dev.assent.server.retention.RetentionJob;
import dev.assent.server.retention.RetentionSettings;
import dev.assent.server.storage.JdbcRetentionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention with the default periods, over rows made through the API: what is past its period is
 * deleted (with what depends on it), what is inside it stays, and a second pass finds nothing.
 */
abstract class RetentionContract extends WebhookFixture {

    @Override
    ServerSettings settings() {
        // The server's own job runs once at start (nothing is old then); the test runs the passes.
        return super.settings().withRetention(RetentionSettings.DEFAULTS.withPacing(Duration.ofHours(1), 500, Duration.ZERO));
    }

    @Test
    void rowsPastTheirRetentionAreDeletedAndRowsInsideItStay() {
        Instant start = clock.instant();
        String service = createService();
        createWebhook(service, "/events", "*");
        String disabledHook = http.post(auth, "/v2/Services/" + service + "/Webhooks", params("FriendlyName", "Off",
                "WebhookUrl", receiver.url("/off"), "EventTypes", "*", "Status", "disabled")).text("sid");
        String[] kept = verifiedTotpFactor(service, ID);
        String unverifiedOld = totpFactor(service, "user-00000002");
        clock.advance(Duration.ofSeconds(30));
        String answeredOld = totpChallenge(service, kept, true);
        String expiredOld = totpChallenge(service, kept, false);
        TestDevice device = verifiedPushDevice(service, "user-00000003");
        String pushOld = createPushChallenge(service, "user-00000003", device, "Old").get("sid").asText();
        for (int i = 0; i < 2; i++) {
            http.post(auth, entityPath(service, "user-00000003") + "/Challenges/" + pushOld + "/Notifications", params());
        }
        String tokenOld = accessToken(service);
        String deliveredOld = delivery(service, disabledHook, "delivered", start);
        String failedOld = delivery(service, disabledHook, "failed", start);
        String pendingOld = delivery(service, disabledHook, "pending", start);

        // 24 days in, a push challenge whose notification's push job finishes now (skipped: the
        // device has no platform): 7 days later the job is past its retention while the challenge is
        // still inside its 30 days.
        clock.advance(Duration.ofDays(24));
        String pushRecent = createPushChallenge(service, "user-00000003", device, "Recent").get("sid").asText();
        http.post(auth, entityPath(service, "user-00000003") + "/Challenges/" + pushRecent + "/Notifications", params());
        awaitPushJobsFinished(pushRecent);
        clock.advance(Duration.ofDays(6).plusHours(2));
        String unverifiedRecent = totpFactor(service, "user-00000005");
        clock.advance(Duration.ofHours(23));
        // Now is 31 days and 1 hour after the start; everything below is fresh.
        String unverifiedFresh = totpFactor(service, "user-00000004");
        String answeredFresh = totpChallenge(service, kept, true);
        String pendingFresh = totpChallenge(service, kept, false);
        String tokenFresh = accessToken(service);
        String deliveredFresh = delivery(service, disabledHook, "delivered", clock.instant());

        assertThat(sids("SELECT sid FROM challenges")).containsExactlyInAnyOrder(answeredOld, expiredOld, pushOld, pushRecent,
                answeredFresh, pendingFresh);
        assertThat(count("SELECT COUNT(*) FROM notifications")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM push_jobs WHERE challenge_sid = '" + pushOld + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM push_jobs WHERE challenge_sid = '" + pushRecent + "'")).isEqualTo(1);
        assertThat(sids("SELECT sid FROM factors")).containsExactlyInAnyOrder(kept[0], device.factorSid, unverifiedOld,
                unverifiedRecent, unverifiedFresh);
        assertThat(sids("SELECT sid FROM access_tokens")).containsExactlyInAnyOrder(tokenOld, tokenFresh);
        assertThat(sids("SELECT sid FROM webhook_deliveries WHERE webhook_sid = '" + disabledHook + "'"))
                .containsExactlyInAnyOrder(deliveredOld, failedOld, pendingOld, deliveredFresh);
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE subject_sid = '" + unverifiedOld
                + "' AND event_type = 'factor.created'")).as("the enabled webhook hears of factors").isEqualTo(1);

        RetentionJob job = new RetentionJob(new JdbcRetentionStore(database), database, RetentionSettings.DEFAULTS, clock);
        Map<Expirable, Integer> deleted = job.pass();

        assertThat(deleted.get(Expirable.UNVERIFIED_FACTORS)).isEqualTo(1);
        assertThat(deleted.get(Expirable.CHALLENGES)).isEqualTo(3);
        // pushOld's two jobs went with their challenge; pushRecent's finished job goes on its own.
        assertThat(deleted.get(Expirable.PUSH_JOBS)).isEqualTo(1);
        assertThat(deleted.get(Expirable.WEBHOOK_DELIVERIES)).isGreaterThanOrEqualTo(2);
        assertThat(deleted.get(Expirable.ACCESS_TOKENS)).isEqualTo(1);

        assertThat(sids("SELECT sid FROM challenges")).containsExactlyInAnyOrder(pushRecent, answeredFresh, pendingFresh);
        assertThat(sids("SELECT challenge_sid FROM notifications")).containsExactly(pushRecent);
        assertThat(count("SELECT COUNT(*) FROM push_jobs WHERE challenge_sid IN ('" + pushOld + "', '" + pushRecent + "')"))
                .isZero();
        assertThat(sids("SELECT sid FROM factors")).containsExactlyInAnyOrder(kept[0], device.factorSid, unverifiedRecent,
                unverifiedFresh);
        assertThat(sids("SELECT sid FROM access_tokens")).containsExactly(tokenFresh);
        assertThat(sids("SELECT sid FROM webhook_deliveries WHERE webhook_sid = '" + disabledHook + "'"))
                .containsExactlyInAnyOrder(pendingOld, deliveredFresh);
        // Housekeeping is not a factor deletion the backend asked for: no event.
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE event_type = 'factor.deleted'")).isZero();
        // The API agrees, and what is kept still works.
        assertError(http.get(auth, entityPath(service, ID) + "/Challenges/" + answeredOld), 404, 20404);
        assertError(http.get(auth, entityPath(service, "user-00000002") + "/Factors/" + unverifiedOld), 404, 20404);
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges/" + pendingFresh).text("status")).isEqualTo("pending");

        assertThat(job.pass().values()).allMatch(n -> n == 0);
    }

    @Test
    void offKeepsEverything() {
        String service = createService();
        String unverified = totpFactor(service, "user-00000002");
        String[] kept = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String answered = totpChallenge(service, kept, true);
        clock.advance(Duration.ofDays(3650));

        RetentionJob job = new RetentionJob(new JdbcRetentionStore(database), database, RetentionSettings.OFF, clock);

        assertThat(job.pass()).isEmpty();
        assertThat(sids("SELECT sid FROM factors")).containsExactlyInAnyOrder(unverified, kept[0]);
        assertThat(sids("SELECT sid FROM challenges")).containsExactly(answered);
    }

    private String totpFactor(String service, String identity) {
        Http.Reply created = http.post(auth, entityPath(service, identity) + "/Factors",
                params("FriendlyName", "Authenticator", "FactorType", "totp"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("sid");
    }

    private String totpChallenge(String service, String[] factor, boolean answer) {
        List<Map.Entry<String, String>> form = params("FactorSid", factor[0]);
        if (answer) {
            form.addAll(params("AuthPayload", code(factor[1], clock.instant())));
        }
        Http.Reply created = http.post(auth, entityPath(service, ID) + "/Challenges", form);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo(answer ? "approved" : "pending");
        return created.text("sid");
    }

    private String accessToken(String service) {
        Http.Reply issued = http.post(auth, "/v2/Services/" + service + "/AccessTokens",
                params("Identity", "user-00000009", "FactorType", "push"));
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        return issued.text("sid");
    }

    /** A delivery row of a disabled webhook, as the dispatcher leaves it; a pending one is not due for a year. */
    private String delivery(String service, String webhook, String status, Instant updated) {
        String sid = UUID.randomUUID().toString();
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO webhook_deliveries (sid, event_id, event_type, account_sid, "
                + "service_sid, webhook_sid, subject_sid, seq, url, body, status, attempts, next_attempt_at, created_at, updated_at) "
                + "VALUES (:sid, :sid, 'factor.created', :account, :service, :webhook, :subject, 1, 'http://127.0.0.1:9/', '{}', "
                + ":status, 1, :next, :updated, :updated)")
                .bind("sid", sid)
                .bind("account", account.sid().value())
                .bind("service", service)
                .bind("webhook", webhook)
                .bind("subject", "YF" + UUID.randomUUID().toString().replace("-", ""))
                .bind("status", status)
                .bind("next", updated.plus(Duration.ofDays(365)).toEpochMilli())
                .bind("updated", updated.toEpochMilli())
                .execute());
        return sid;
    }

    private void awaitPushJobsFinished(String challengeSid) {
        await("the push job of " + challengeSid + " to finish", () -> count("SELECT COUNT(*) FROM push_jobs WHERE challenge_sid = '"
                + challengeSid + "' AND status = 'pending'") == 0);
    }

    private List<String> sids(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private int count(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
