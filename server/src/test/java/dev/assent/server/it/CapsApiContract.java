package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.server.notification.Notifications;
import dev.assent.server.webhook.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The caps on what one tenant can make Assent store or scan: webhooks per service, notifications per
 * challenge, and how far {@code Page} may skip without a {@code PageToken}. Each cap is tried at its
 * exact value, one past it, and by concurrent requests racing for the last places.
 */
abstract class CapsApiContract extends ApiFixture {

    private static final String ID = "user-00000001";
    private static final int RACERS = 8;

    @Test
    void aServiceHoldsAtMostTwentyWebhooksEvenUnderConcurrentCreates() throws Exception {
        String service = createService();
        String path = "/v2/Services/" + service + "/Webhooks";
        int before = Webhooks.MAX_PER_SERVICE - 3;
        for (int i = 0; i < before; i++) {
            assertThat(createWebhook(path, "Hook " + i).status()).isEqualTo(201);
        }

        List<Http.Reply> raced = race(i -> createWebhook(path, "Racer " + i));

        assertThat(raced).filteredOn(r -> r.status() == 201).hasSize(3);
        List<Http.Reply> refused = raced.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(RACERS - 3);
        refused.forEach(r -> {
            assertError(r, 400, 60306);
            assertThat(r.text("message")).contains("20 webhooks");
        });
        List<String> stored = webhookSids(path);
        assertThat(stored).hasSize(Webhooks.MAX_PER_SERVICE);

        assertError(createWebhook(path, "One more"), 400, 60306);
        assertThat(webhookSids(path)).isEqualTo(stored);

        // The cap counts what exists: after a delete there is room for exactly one again.
        assertThat(http.delete(auth, path + "/" + stored.get(0)).status()).isEqualTo(204);
        assertThat(createWebhook(path, "Replacement").status()).isEqualTo(201);
        assertError(createWebhook(path, "Too many again"), 400, 60306);
        assertThat(webhookSids(path)).hasSize(Webhooks.MAX_PER_SERVICE);
        // Another service has its own allowance.
        assertThat(createWebhook("/v2/Services/" + createService() + "/Webhooks", "Elsewhere").status()).isEqualTo(201);
    }

    @Test
    void aChallengeTakesAtMostThreeNotificationsEvenUnderConcurrentRequests() throws Exception {
        String service = createService();
        TestDevice device = verifiedPushDevice(service, ID);
        JsonNode challenge = createPushChallenge(service, ID, device, "Login");
        String challengeSid = challenge.get("sid").asText();
        String path = entityPath(service, ID) + "/Challenges/" + challengeSid + "/Notifications";
        assertThat(http.post(auth, path, params()).status()).isEqualTo(201);

        List<Http.Reply> raced = race(i -> http.post(auth, path, params("Ttl", Integer.toString(100 + i))));

        int max = Notifications.MAX_PER_CHALLENGE;
        assertThat(raced).filteredOn(r -> r.status() == 201).hasSize(max - 1);
        List<Http.Reply> refused = raced.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(RACERS - (max - 1));
        refused.forEach(r -> assertError(r, 429, 60309));
        assertThat(http.get(auth, path).json().get("notifications")).hasSize(max);
        // One push job per recorded notification (the challenge itself has none: its factor has no
        // platform); none for a refusal.
        assertThat(pushJobs(challengeSid)).isEqualTo(max);

        assertError(http.post(auth, path, params()), 429, 60309);
        assertThat(http.get(auth, path).json().get("notifications")).hasSize(max);
        assertThat(pushJobs(challengeSid)).isEqualTo(max);
        // The cap is per challenge: a new challenge takes notifications again.
        String next = createPushChallenge(service, ID, device, "Login again").get("sid").asText();
        assertThat(http.post(auth, entityPath(service, ID) + "/Challenges/" + next + "/Notifications", params()).status())
                .isEqualTo(201);
    }

    @Test
    void pageWithoutATokenSkipsAtMostTenThousandRows() {
        for (int i = 0; i < 3; i++) {
            http.post(auth, "/v2/Services", params("FriendlyName", "Service " + i));
        }
        Http.Reply huge = http.get(auth, "/v2/Services?Page=1000000&PageSize=1000");
        assertError(huge, 400, 60200);
        assertThat(huge.text("message")).contains("PageToken").contains("next_page_url");
        assertError(http.get(auth, "/v2/Services?Page=11&PageSize=1000"), 400, 60200);
        assertError(http.get(auth, "/v2/Services?Page=10001&PageSize=1"), 400, 60200);
        // Exactly at the bound: an offset of 10,000 rows is still served (and is empty here).
        Http.Reply atBound = http.get(auth, "/v2/Services?Page=10&PageSize=1000");
        assertThat(atBound.status()).as(atBound.raw().body()).isEqualTo(200);
        assertThat(atBound.json().get("services")).isEmpty();
        assertThat(http.get(auth, "/v2/Services?Page=10000&PageSize=1").status()).isEqualTo(200);

        // What the SDKs do: follow next_page_url, whose PageToken makes Page mere bookkeeping, so a
        // page number past the bound is fine with a token.
        JsonNode first = http.get(auth, "/v2/Services?PageSize=1").json();
        String next = first.get("meta").get("next_page_url").asText();
        assertThat(next).contains("PageToken=PA");
        JsonNode second = http.get(auth, next).json();
        String far = next.replace("&Page=1&", "&Page=999999&");
        assertThat(far).isNotEqualTo(next);
        Http.Reply farReply = http.get(auth, far);
        assertThat(farReply.status()).as(farReply.raw().body()).isEqualTo(200);
        assertThat(farReply.json().get("services")).isEqualTo(second.get("services"));
        assertThat(farReply.json().get("meta").get("page").asInt()).isEqualTo(999999);
    }

    private Http.Reply createWebhook(String path, String name) {
        // Never contacted: no event happens in these services.
        return http.post(auth, path, params("FriendlyName", name, "WebhookUrl", "http://127.0.0.1:9/hook", "EventTypes", "*"));
    }

    private List<String> webhookSids(String path) {
        List<String> sids = new ArrayList<>();
        http.get(auth, path + "?PageSize=100").json().get("webhooks").forEach(w -> sids.add(w.get("sid").asText()));
        return sids;
    }

    private int pushJobs(String challengeSid) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM push_jobs WHERE challenge_sid = :c")
                .bind("c", challengeSid).mapTo(Integer.class).one());
    }

    interface Request {
        Http.Reply send(int index);
    }

    /** Sends {@link #RACERS} requests at once (each waits on a shared start signal); returns the replies. */
    private static List<Http.Reply> race(Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int index = i;
                Callable<Http.Reply> call = () -> {
                    start.await();
                    return request.send(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Http.Reply> replies = new ArrayList<>();
            for (Future<Http.Reply> f : futures) {
                replies.add(f.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
