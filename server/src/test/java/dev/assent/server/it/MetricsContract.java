package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.challenge.ChallengeLimits;
import dev.assent.server.config.ServerSettings;
import dev.assent.server.push.PushConfig;
import dev.assent.server.webhook.WebhookSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on a real server after a real flow: TOTP and push factors verified (and one wrong
 * proof), a TOTP challenge answered wrong then right, one left to expire, a factor's creation limit
 * hit, a push challenge sent to Pushy's MockApnsServer on loopback and denied by the device, and the
 * webhook deliveries of both answers to a loopback receiver. Every counter moves by exactly what the
 * flow did, the exposition parses as the Prometheus text format (Hawkular's parser), and no label
 * carries a SID or an identity.
 */
abstract class MetricsContract extends WebhookFixture {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String APNS_TOKEN = "b2".repeat(32);
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String CHALLENGE_ROUTE = "/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{Sid}";

    LocalApns apns;
    FakeFcm fcm;

    @Override
    PushConfig pushConfig() {
        LocalPushPeers peers = LocalPushPeers.start(tempDir);
        apns = peers.apns();
        fcm = peers.fcm();
        return peers.config();
    }

    /**
     * The fixture's fast pacing, with generous timeouts: a delivery that timed out on a loaded machine
     * would wait for a clock the test does not advance, and the counts would be off.
     */
    @Override
    WebhookSettings webhookSettings() {
        return new WebhookSettings(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(4), MAX_ATTEMPTS,
                Duration.ofHours(1), LEASE, Duration.ofSeconds(10), Duration.ofSeconds(20), CONCURRENCY);
    }

    /** Three challenges per factor an hour: the fourth is refused by the creation limit. */
    @Override
    ServerSettings settings() {
        return super.settings().withChallengeLimits(ChallengeLimits.fromEnvironment(Map.of(ChallengeLimits.CREATION_VARIABLE, "3/1h")));
    }

    @AfterEach
    void stopPeers() {
        apns.close();
        fcm.close();
    }

    /** The families of one scrape, by name. */
    record Scrape(String text, Map<String, MetricFamily> families) {

        double value(String family, String... labels) {
            return find(family, labels).map(m -> switch (m) {
                case Counter c -> c.getValue();
                case Gauge g -> g.getValue();
                case Histogram h -> (double) h.getSampleCount();
                default -> throw new AssertionError("unexpected metric type " + m);
            }).orElse(0.0);
        }

        Optional<Metric> find(String family, String... labels) {
            MetricFamily f = families.get(family);
            if (f == null) {
                // Not yet registered (the request timer before its first request): no sample.
                return Optional.empty();
            }
            Map<String, String> wanted = new java.util.HashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return f.getMetrics().stream().filter(m -> m.getLabels().entrySet().containsAll(wanted.entrySet())
                    && m.getLabels().keySet().containsAll(wanted.keySet())).findFirst();
        }

        MetricType type(String family) {
            return families.get(family).getType();
        }
    }

    static Scrape scrape(String base) {
        HttpResponse<String> response = get(base + "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)), walker).walk();
        Map<String, MetricFamily> families = new java.util.LinkedHashMap<>();
        for (MetricFamily family : walker.getAllMetricFamilies()) {
            assertThat(families.put(family.getName(), family)).as("family %s once", family.getName()).isNull();
        }
        assertThat(families).isNotEmpty();
        return new Scrape(response.body(), families);
    }

    static HttpResponse<String> get(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String serviceWithApns() {
        Http.Reply credential = http.post(auth, "/v1/Credentials", params("Type", "apn", "FriendlyName", "iOS",
                "PrivateKey", PushTestKeys.p8SigningKey(), "ApnKeyId", "KEYID12345", "ApnTeamId", "TEAMID1234"));
        assertThat(credential.status()).as(credential.raw().body()).isEqualTo(201);
        Http.Reply service = http.post(auth, "/v2/Services", params("FriendlyName", "Push", "Push.ApnCredentialSid",
                credential.text("sid")));
        assertThat(service.status()).as(service.raw().body()).isEqualTo(201);
        return service.text("sid");
    }

    TestDevice apnsDevice(String service, String identity) {
        return verifiedPushDevice(auth, service, identity, "Phone", "apn", APNS_TOKEN);
    }

    String totpChallenge(String service, String factor) {
        Http.Reply created = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("sid");
    }

    @Test
    void countersMoveByExactlyWhatTheFlowDidAndTheExpositionParses() {
        Scrape before = scrape(server.publicBase());
        String service = serviceWithApns();
        String webhook = createWebhook(service, "/events", "challenge.approved", "challenge.denied");

        // Factors: a TOTP one verified, a second TOTP one given a wrong code, a push one verified by its device.
        String[] totp = verifiedTotpFactor(service, ID);
        Http.Reply other = http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "Other", "FactorType", "totp"));
        Http.Reply wrongProof = http.post(auth, entityPath(service, ID) + "/Factors/" + other.text("sid"), params("AuthPayload", "000000"));
        assertThat(wrongProof.text("status")).isEqualTo("unverified");
        TestDevice device = apnsDevice(service, ID);

        // TOTP: a wrong code, then the right one (of the next time step: the verification's is used up).
        clock.advance(Duration.ofSeconds(30));
        String first = totpChallenge(service, totp[0]);
        String path = entityPath(service, ID) + "/Challenges/" + first;
        String right = code(totp[1], clock.instant());
        String wrong = right.equals("123456") ? "654321" : "123456";
        assertThat(http.post(auth, path, params("AuthPayload", wrong)).text("status")).isEqualTo("pending");
        assertThat(http.post(auth, path, params("AuthPayload", right)).text("status")).isEqualTo("approved");

        // Push: sent to APNs, then denied by the device.
        JsonNode push = createPushChallenge(service, ID, device, "Log in from Lisbon?");
        assertThat(apns.next(WAIT).token()).isEqualTo(APNS_TOKEN);
        String pushPath = entityPath(service, ID) + "/Challenges/" + push.get("sid").asText();
        Http.Reply fetched = http.get(device.auth(clock.instant()), pushPath);
        Http.Reply denied = http.post(device.auth(clock.instant()), pushPath,
                params("AuthPayload", device.answer(fetched.json(), fetched.header("Twilio-Verify-Signature-Fields"), "denied")));
        assertThat(denied.text("status")).as(denied.raw().body()).isEqualTo("denied");

        // A second TOTP challenge left to expire, counted once by the sweep.
        String second = totpChallenge(service, totp[0]);
        clock.advance(Duration.ofMinutes(6));
        await("the expiry sweep", () -> scrape(server.publicBase()).value("assent_challenge_outcomes_total",
                "factor_type", "totp", "outcome", "expired") == before.value("assent_challenge_outcomes_total",
                "factor_type", "totp", "outcome", "expired") + 1);
        assertThat(http.get(auth, entityPath(service, ID) + "/Challenges/" + second).text("status")).isEqualTo("expired");
        // The third is the last this factor may create this hour; the fourth is refused.
        totpChallenge(service, totp[0]);
        assertError(http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", totp[0])), 429, 60312);

        await("both webhook deliveries", () -> receiver.received("/events").size() == 2);
        await("the deliveries recorded", () -> scrape(server.publicBase()).value("assent_webhook_deliveries_total", "result", "delivered")
                == before.value("assent_webhook_deliveries_total", "result", "delivered") + 2);
        assertThat(deliveries(service, webhook)).extracting(d -> d.get("status").asText()).containsExactly("delivered", "delivered");
        // An unknown path is one route label, whatever it is.
        assertThat(http.get(auth, "/no/such/" + first).status()).isEqualTo(404);

        Scrape after = scrape(server.publicBase());
        Map<List<String>, Double> expected = new java.util.LinkedHashMap<>();
        expected.put(List.of("assent_challenge_creations_total", "factor_type", "totp"), 3.0);
        expected.put(List.of("assent_challenge_creations_total", "factor_type", "push"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "totp", "outcome", "approved"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "totp", "outcome", "wrong_code"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "totp", "outcome", "expired"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "totp", "outcome", "limit_hit"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "totp", "outcome", "denied"), 0.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "push", "outcome", "denied"), 1.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "push", "outcome", "approved"), 0.0);
        expected.put(List.of("assent_challenge_outcomes_total", "factor_type", "push", "outcome", "expired"), 0.0);
        expected.put(List.of("assent_factor_verifications_total", "factor_type", "totp", "result", "verified"), 1.0);
        expected.put(List.of("assent_factor_verifications_total", "factor_type", "totp", "result", "wrong_proof"), 1.0);
        expected.put(List.of("assent_factor_verifications_total", "factor_type", "push", "result", "verified"), 1.0);
        expected.put(List.of("assent_factor_verifications_total", "factor_type", "push", "result", "wrong_proof"), 0.0);
        expected.put(List.of("assent_push_sends_total", "platform", "apn", "result", "accepted"), 1.0);
        expected.put(List.of("assent_push_sends_total", "platform", "apn", "result", "error"), 0.0);
        expected.put(List.of("assent_push_sends_total", "platform", "fcm", "result", "accepted"), 0.0);
        expected.put(List.of("assent_webhook_deliveries_total", "result", "delivered"), 2.0);
        expected.put(List.of("assent_webhook_deliveries_total", "result", "failed"), 0.0);
        // Pushy's own listener, under assent_apns_.
        expected.put(List.of("assent_apns_notifications_accepted_total"), 1.0);
        expected.put(List.of("assent_apns_notifications_sent_total"), 1.0);
        // The timer by route template: the wrong code, the right code and the denial.
        expected.put(List.of("assent_http_server_requests_seconds", "method", "POST", "route", CHALLENGE_ROUTE, "status", "200"), 3.0);
        expected.put(List.of("assent_http_server_requests_seconds", "method", "GET", "route", "unmatched", "status", "404"), 1.0);
        expected.put(List.of("assent_http_server_requests_seconds", "method", "POST",
                "route", "/v2/Services/{ServiceSid}/Entities/{Identity}/Challenges", "status", "429"), 1.0);
        expected.keySet().forEach(key -> assertThat(after.families()).as("%s in%n%s", key.get(0), after.text()).containsKey(key.get(0)));
        expected.forEach((key, delta) -> {
            String[] labels = key.subList(1, key.size()).toArray(String[]::new);
            assertThat(after.value(key.get(0), labels) - before.value(key.get(0), labels)).as("%s", key).isEqualTo(delta);
        });

        assertThat(after.type("assent_challenge_creations_total")).isEqualTo(MetricType.COUNTER);
        assertThat(after.type("assent_http_server_requests_seconds")).isEqualTo(MetricType.HISTOGRAM);
        assertThat(after.type("assent_outbox_depth")).isEqualTo(MetricType.GAUGE);
        // The pool, the outboxes and the JVM are there too.
        for (String family : List.of("hikaricp_connections_active", "assent_outbox_depth", "assent_outbox_oldest_due_age_seconds",
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes", "system_cpu_count",
                "jvm_gc_memory_allocated_bytes_total")) {
            assertThat(after.families()).as(family).containsKey(family);
        }
        // No label names a tenant, a user or a resource: no SID, no identity, no raw path.
        assertThat(after.text()).doesNotContain(service).doesNotContain(first).doesNotContain(ID).doesNotContain(account.sid().value())
                .doesNotContain(device.factorSid).doesNotContain("/no/such");
    }

    @Test
    void theOutboxGaugesReadThePendingRowsAndTheAgeOfTheOldestDue() {
        String service = createService();
        createWebhook(service, "/events", "challenge.approved");
        String[] totp = verifiedTotpFactor(service, ID);
        // Nothing delivers: the rows stay pending.
        server.stopWorker("webhook-dispatcher");
        for (int i = 0; i < 2; i++) {
            // Each code of its own time step: a code is accepted once per factor.
            clock.advance(Duration.ofSeconds(30));
            String sid = totpChallenge(service, totp[0]);
            assertThat(http.post(auth, entityPath(service, ID) + "/Challenges/" + sid,
                    params("AuthPayload", code(totp[1], clock.instant()))).text("status")).isEqualTo("approved");
        }
        clock.advance(Duration.ofSeconds(30));

        // The first scrape of this server: the gauges read the database now.
        Scrape scrape = scrape(server.publicBase());
        assertThat(scrape.value("assent_outbox_depth", "outbox", "webhook")).isEqualTo(2.0);
        assertThat(scrape.value("assent_outbox_oldest_due_age_seconds", "outbox", "webhook")).isEqualTo(60.0);
        assertThat(scrape.value("assent_outbox_depth", "outbox", "push")).isEqualTo(0.0);
        assertThat(scrape.value("assent_outbox_oldest_due_age_seconds", "outbox", "push")).isEqualTo(0.0);
    }
}
