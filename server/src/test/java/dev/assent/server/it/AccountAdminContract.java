package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import dev.assent.server.account.Account;
import dev.assent.server.http.RouteTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Auth-token rotation (Twilio's {@code /v1/AuthTokens/Secondary} and {@code /Promote}) and disabled
 * accounts, over HTTP on a real database: which token opens which door before and after a promotion,
 * which token signs webhooks, and that a disabled account is refused everywhere and sent nothing for.
 */
abstract class AccountAdminContract extends WebhookFixture {

    private static final String SECONDARY = "/v1/AuthTokens/Secondary";
    private static final String PROMOTE = "/v1/AuthTokens/Promote";

    @Test
    void aSecondaryTokenWorksBesideThePrimaryAndAfterPromotionOnlyItDoes() {
        String oldPrimary = account.authToken().reveal();
        Http.Reply created = http.post(auth, SECONDARY, params());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String secondary = created.text("secondary_auth_token");
        assertThat(secondary).matches("[0-9a-f]{32}").isNotEqualTo(oldPrimary);
        assertThat(created.text("account_sid")).isEqualTo(account.sid().value());
        assertThat(created.text("url")).isEqualTo(server.publicBase() + SECONDARY);
        assertThat(created.text("date_created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String secondaryAuth = Http.basic(account.sid().value(), secondary);

        // The grace period: both tokens are accepted.
        assertThat(http.get(auth, "/v2/Services").status()).isEqualTo(200);
        assertThat(http.post(secondaryAuth, "/v2/Services", params("FriendlyName", "Made with the secondary")).status()).isEqualTo(201);

        Http.Reply promoted = http.post(secondaryAuth, PROMOTE, params());
        assertThat(promoted.status()).as(promoted.raw().body()).isEqualTo(200);
        assertThat(promoted.text("auth_token")).isEqualTo(secondary);
        assertThat(promoted.text("url")).isEqualTo(server.publicBase() + PROMOTE);

        assertError(http.get(auth, "/v2/Services"), 401, 20003);
        assertError(http.post(auth, SECONDARY, params()), 401, 20003);
        Http.Reply list = http.get(secondaryAuth, "/v2/Services");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("services")).hasSize(1);
        // Nothing left to promote: the promotion consumed the secondary.
        assertError(http.post(secondaryAuth, PROMOTE, params()), 404, 20404);
        assertThat(server.accounts().find(account.sid()).orElseThrow().secondaryAuthToken()).isEmpty();
    }

    @Test
    void aDeletedSecondaryStopsWorkingAndANewOneReplacesTheOld() {
        String first = http.post(auth, SECONDARY, params()).text("secondary_auth_token");
        String second = http.post(auth, SECONDARY, params()).text("secondary_auth_token");
        assertThat(second).isNotEqualTo(first);
        assertError(http.get(Http.basic(account.sid().value(), first), "/v2/Services"), 401, 20003);
        assertThat(http.get(Http.basic(account.sid().value(), second), "/v2/Services").status()).isEqualTo(200);

        assertThat(http.delete(auth, SECONDARY).status()).isEqualTo(204);
        assertError(http.get(Http.basic(account.sid().value(), second), "/v2/Services"), 401, 20003);
        assertError(http.post(auth, PROMOTE, params()), 404, 20404);
        assertThat(http.get(auth, "/v2/Services").status()).isEqualTo(200);
    }

    @Test
    void concurrentPromotionsPromoteOnce() throws Exception {
        String secondary = http.post(auth, SECONDARY, params()).text("secondary_auth_token");
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                // Each caller authenticates with a token that is valid until the first promotion.
                String as = i % 2 == 0 ? auth : Http.basic(account.sid().value(), secondary);
                Callable<Integer> call = () -> {
                    start.await();
                    return http.post(as, PROMOTE, params()).status();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).allMatch(s -> s == 200 || s == 401 || s == 404);
        }
        Account after = server.accounts().find(account.sid()).orElseThrow();
        assertThat(after.authToken().reveal()).isEqualTo(secondary);
        assertThat(after.secondaryAuthToken()).isEmpty();
    }

    @Test
    void webhooksAreSignedWithThePrimaryBeforeAndAfterPromotion() {
        String service = createService();
        createWebhook(service, "/hook", "factor.created");
        String oldPrimary = account.authToken().reveal();
        String secondary = http.post(auth, SECONDARY, params()).text("secondary_auth_token");

        http.post(auth, entityPath(service, "user-before") + "/Factors", params("FriendlyName", "A", "FactorType", "totp"));
        await("the delivery before promotion", () -> receiver.received("/hook").size() == 1);
        assertThat(http.post(auth, PROMOTE, params()).status()).isEqualTo(200);
        String newAuth = Http.basic(account.sid().value(), secondary);
        http.post(newAuth, entityPath(service, "user-after") + "/Factors", params("FriendlyName", "B", "FactorType", "totp"));
        await("the delivery after promotion", () -> receiver.received("/hook").size() == 2);

        List<WebhookReceiver.Received> got = receiver.received("/hook");
        String url = receiver.url("/hook");
        RequestValidator before = new RequestValidator(oldPrimary);
        RequestValidator after = new RequestValidator(secondary);
        assertThat(before.validate(url, got.get(0).params(), got.get(0).headers().get("x-twilio-signature"))).isTrue();
        assertThat(after.validate(url, got.get(0).params(), got.get(0).headers().get("x-twilio-signature"))).isFalse();
        assertThat(after.validate(url, got.get(1).params(), got.get(1).headers().get("x-twilio-signature"))).isTrue();
        assertThat(before.validate(url, got.get(1).params(), got.get(1).headers().get("x-twilio-signature"))).isFalse();
    }

    @Test
    void aDisabledAccountGets401OnEveryRouteWithEveryCredentialUntilEnabled() {
        String service = createService();
        String secondary = http.post(auth, SECONDARY, params()).text("secondary_auth_token");
        TestDevice device = verifiedPushDevice(service, ID);
        Http.Reply issued = http.post(auth, "/v2/Services/" + service + "/AccessTokens",
                params("Identity", "user-enrol", "FactorType", "push"));
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        Http.Reply key = http.post(auth, "/2010-04-01/Accounts/" + account.sid() + "/Keys.json", params("FriendlyName", "backend"));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        String apiKey = Http.basic(key.text("sid"), key.text("secret"));
        Map<String, String> credentials = Map.of(
                "primary", auth,
                "API key", apiKey,
                "secondary", Http.basic(account.sid().value(), secondary),
                "device", device.auth(clock.instant()),
                "access token", Http.basic("token", issued.text("token")));

        server.accounts().disable(account.sid());
        List<RouteTable.Route> routes = server.routes().stream().filter(r -> r.path().startsWith("/v")).toList();
        assertThat(routes).hasSizeGreaterThan(20);
        for (RouteTable.Route route : routes) {
            String path = route.path().replace("{ServiceSid}", service).replace("{Identity}", ID).replace("{Sid}", device.factorSid);
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                Http.Reply reply = switch (route.method()) {
                    case "GET" -> http.get(credential.getValue(), path);
                    case "DELETE" -> http.delete(credential.getValue(), path);
                    default -> http.post(credential.getValue(), path, params("FriendlyName", "x", "FactorType", "totp"));
                };
                assertThat(reply.status()).as("%s %s with the %s", route.method(), path, credential.getKey()).isEqualTo(401);
                assertThat(reply.json().get("code").asInt()).isEqualTo(20003);
            }
        }

        // Nothing a refused request asked for happened.
        server.accounts().enable(account.sid());
        assertThat(http.get(auth, "/v2/Services").json().get("services")).hasSize(1);
        assertThat(http.get(auth, entityPath(service, ID) + "/Factors").json().get("factors")).hasSize(1);
        Account after = server.accounts().find(account.sid()).orElseThrow();
        assertThat(after.authToken()).isEqualTo(account.authToken());
        assertThat(after.secondaryAuthToken().orElseThrow().reveal()).isEqualTo(secondary);
        // Enabled again: every credential works as before.
        assertThat(http.get(apiKey, "/v2/Services").status()).isEqualTo(200);
        assertThat(http.get(Http.basic(account.sid().value(), secondary), "/v2/Services").status()).isEqualTo(200);
        assertThat(http.get(device.auth(clock.instant()), entityPath(service, ID) + "/Challenges?FactorSid=" + device.factorSid)
                .status()).isEqualTo(200);
    }

    @Test
    void aDisabledAccountsPendingWebhooksAreNotSentUntilItIsEnabled() {
        String service = createService();
        String webhook = createWebhook(service, "/hook", "factor.created");
        receiver.answer(500);
        http.post(auth, entityPath(service, ID) + "/Factors", params("FriendlyName", "A", "FactorType", "totp"));
        await("the first, failed attempt", () -> receiver.received("/hook").size() == 1
                && deliveries(service, webhook).get(0).get("attempts").asInt() == 1
                && deliveries(service, webhook).get(0).get("last_error").isTextual());
        server.accounts().disable(account.sid());

        // A witness: another account's delivery, made after the retry above is due, is sent; so the
        // worker has passed over the disabled account's delivery at least once.
        clock.advance(Duration.ofMinutes(5));
        Account other = server.accounts().create();
        String mine = auth;
        auth = Http.basic(other.sid().value(), other.authToken().reveal());
        String otherService = createService();
        createWebhook(otherService, "/witness", "factor.created");
        http.post(auth, entityPath(otherService, ID) + "/Factors", params("FriendlyName", "B", "FactorType", "totp"));
        await("the witness delivery", () -> receiver.received("/witness").size() == 1);
        auth = mine;

        assertThat(receiver.received("/hook")).as("hits while disabled").hasSize(1);
        server.accounts().enable(account.sid());
        await("the delivery once enabled", () -> receiver.received("/hook").size() == 2
                && deliveries(service, webhook).get(0).get("status").asText().equals("delivered"));
        assertThat(deliveries(service, webhook).get(0).get("attempts").asInt()).isEqualTo(2);
    }
}
