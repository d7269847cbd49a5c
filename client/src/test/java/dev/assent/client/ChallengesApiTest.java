package dev.assent.client;

import static dev.assent.client.Fixtures.BASIC;
import static dev.assent.client.Fixtures.CHALLENGE;
import static dev.assent.client.Fixtures.CHALLENGES_PATH;
import static dev.assent.client.Fixtures.CHALLENGE_SID;
import static dev.assent.client.Fixtures.FACTOR_SID;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Challenges operations against a fake server: the exact request sent and the parsing of answers. */
class ChallengesApiTest extends FakeServerTest {

    static List<Map.Entry<String, String>> decodeForm(String body) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return pairs;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(Map.entry(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return pairs;
    }

    @Test
    void createChallengeSendsDottedAndRepeatedParametersAsAForm() {
        server.enqueue(201, Fixtures.challenge(CHALLENGE_SID, "pending"));
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("ip", "172.168.1.234");

        Challenge challenge = client.challenges().createChallenge(SERVICE_SID, IDENTITY, CreateChallengeParams.builder()
                .factorSid(FACTOR_SID)
                .detailsMessage("Hi! Mr. John Doe, would you like to sign up?")
                .addDetailsField("Action", "Sign up in portal")
                .addDetailsField("Location", "Berlin & Co")
                .expirationDate(Instant.parse("2026-01-15T10:05:00.123Z"))
                .hiddenDetails(hidden)
                .build());

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(CHALLENGES_PATH);
        assertThat(request.query()).isNull();
        assertThat(request.header("Authorization")).isEqualTo(BASIC);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo("FactorSid=" + FACTOR_SID
                + "&ExpirationDate=2026-01-15T10%3A05%3A00Z"
                + "&Details.Message=Hi%21+Mr.+John+Doe%2C+would+you+like+to+sign+up%3F"
                + "&Details.Fields=%7B%22label%22%3A%22Action%22%2C%22value%22%3A%22Sign+up+in+portal%22%7D"
                + "&Details.Fields=%7B%22label%22%3A%22Location%22%2C%22value%22%3A%22Berlin+%26+Co%22%7D"
                + "&HiddenDetails=%7B%22ip%22%3A%22172.168.1.234%22%7D");
        assertThat(decodeForm(request.body())).containsExactly(
                entry("FactorSid", FACTOR_SID),
                entry("ExpirationDate", "2026-01-15T10:05:00Z"),
                entry("Details.Message", "Hi! Mr. John Doe, would you like to sign up?"),
                entry("Details.Fields", "{\"label\":\"Action\",\"value\":\"Sign up in portal\"}"),
                entry("Details.Fields", "{\"label\":\"Location\",\"value\":\"Berlin & Co\"}"),
                entry("HiddenDetails", "{\"ip\":\"172.168.1.234\"}"));
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.PENDING);
    }

    @Test
    void createChallengeWithATotpCodeSendsAuthPayload() {
        server.enqueue(201, CHALLENGE);
        Challenge challenge = client.challenges().createChallenge(SERVICE_SID, IDENTITY,
                CreateChallengeParams.builder().factorSid(FACTOR_SID).authPayload("123456").build());

        assertThat(decodeForm(server.takeRequest().body()))
                .containsExactly(entry("FactorSid", FACTOR_SID), entry("AuthPayload", "123456"));
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.APPROVED);
    }

    @Test
    void fetchChallengeParsesEveryDocumentedField() {
        server.enqueue(200, CHALLENGE);

        Challenge challenge = client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID);

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo(CHALLENGES_PATH + "/" + CHALLENGE_SID);
        assertThat(request.body()).isEmpty();
        assertThat(request.header("Authorization")).isEqualTo(BASIC);

        Instant date = Instant.parse("2015-07-30T20:00:00Z");
        assertThat(challenge).isEqualTo(new Challenge(CHALLENGE_SID, Fixtures.ACCOUNT_SID, SERVICE_SID,
                "YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", IDENTITY, FACTOR_SID, date, date, date, date,
                ChallengeStatus.APPROVED, RespondedReason.NONE,
                new ChallengeDetails("Hi! Mr. John Doe, would you like to sign up?",
                        Instant.parse("2020-07-01T12:13:14Z"), List.of(new DetailField("Action", "Sign up in portal"))),
                Map.of("ip", "172.168.1.234"), Map.of("os", "Android"), FactorType.PUSH,
                "https://verify.twilio.com" + CHALLENGES_PATH + "/" + CHALLENGE_SID,
                Map.of("notifications", "https://verify.twilio.com" + CHALLENGES_PATH + "/" + CHALLENGE_SID
                        + "/Notifications")));
    }

    @Test
    void updateChallengeSendsAuthPayload() {
        server.enqueue(200, CHALLENGE);
        Challenge challenge = client.challenges().updateChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID,
                UpdateChallengeParams.authPayload("654321"));

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(CHALLENGES_PATH + "/" + CHALLENGE_SID);
        assertThat(request.body()).isEqualTo("AuthPayload=654321");
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.APPROVED);
    }

    @Test
    void listChallengeStreamsLazilyAcrossPagesFollowingNextPageUrlAndStopsAtTheLimit() {
        String base = server.baseUrl() + CHALLENGES_PATH;
        String next = base + "?FactorSid=" + FACTOR_SID + "&Status=pending&Order=desc&PageSize=2&Page=1&PageToken=PTx";
        server.enqueue(200, page(List.of(Fixtures.challenge(Fixtures.challengeSid(1), "pending"),
                Fixtures.challenge(Fixtures.challengeSid(2), "pending")), next));
        server.enqueue(200, page(List.of(Fixtures.challenge(Fixtures.challengeSid(3), "pending"),
                Fixtures.challenge(Fixtures.challengeSid(4), "pending")), base + "?Page=2&PageToken=PTy"));

        Stream<Challenge> stream = client.challenges().listChallenge(SERVICE_SID, IDENTITY, ListChallengeParams.builder()
                .factorSid(FACTOR_SID).status(ChallengeStatus.PENDING).order(ChallengeOrder.DESC)
                .pageSize(2).limit(3).build());
        assertThat(server.requests()).as("nothing is fetched before the stream is consumed").isEmpty();

        assertThat(stream.map(Challenge::sid)).containsExactly(
                Fixtures.challengeSid(1), Fixtures.challengeSid(2), Fixtures.challengeSid(3));

        List<FakeServer.Recorded> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).path()).isEqualTo(CHALLENGES_PATH);
        assertThat(requests.get(0).query())
                .isEqualTo("FactorSid=" + FACTOR_SID + "&Status=pending&Order=desc&PageSize=2");
        assertThat(requests.get(1).path() + "?" + requests.get(1).query()).isEqualTo(next.substring(
                server.baseUrl().toString().length()));
        assertThat(requests.get(1).header("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void listChallengeWithALimitAsksForNoMoreThanTheLimit() {
        server.enqueue(200, page(List.of(CHALLENGE), null));
        assertThat(client.challenges().listChallenge(SERVICE_SID, IDENTITY,
                ListChallengeParams.builder().limit(5).build()).toList()).hasSize(1);
        assertThat(server.takeRequest().query()).isEqualTo("PageSize=5");
    }

    @Test
    void anErrorBodyBecomesAnAssentException() {
        server.enqueue(404, Fixtures.NOT_FOUND);
        assertThatThrownBy(() -> client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.code()).isEqualTo(20404);
                    assertThat(e.message()).isEqualTo("The requested resource was not found");
                    assertThat(e.moreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20404");
                    assertThat(e.httpStatus()).isEqualTo(404);
                });
    }

    @Test
    void aChallengeErrorOnUpdateCarriesTheVerifyCode() {
        server.enqueue(403, """
                {"code":60322,"message":"Challenge already responded","more_info":"https://www.twilio.com/docs/errors/60322","status":403}""");
        assertThatThrownBy(() -> client.challenges().updateChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID,
                UpdateChallengeParams.authPayload("123456")))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.code()).isEqualTo(60322);
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
    }

    @Test
    void badArgumentsFailBeforeAnyRequest() {
        ChallengesApi challenges = client.challenges();
        assertThatThrownBy(() -> challenges.fetchChallenge("VA123", IDENTITY, CHALLENGE_SID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ServiceSid");
        assertThatThrownBy(() -> challenges.fetchChallenge(SERVICE_SID, "short", CHALLENGE_SID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Identity");
        assertThatThrownBy(() -> challenges.fetchChallenge(SERVICE_SID, "bad--identity", CHALLENGE_SID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Identity");
        assertThatThrownBy(() -> challenges.fetchChallenge(SERVICE_SID, IDENTITY, FACTOR_SID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YC");
        assertThatThrownBy(() -> CreateChallengeParams.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FactorSid");
        assertThatThrownBy(() -> CreateChallengeParams.builder().factorSid(FACTOR_SID).detailsMessage("m".repeat(257)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Details.Message");
        CreateChallengeParams.Builder tooMany = CreateChallengeParams.builder().factorSid(FACTOR_SID);
        for (int i = 0; i < 21; i++) {
            tooMany.addDetailsField("l" + i, "v");
        }
        assertThatThrownBy(tooMany::build).hasMessageContaining("at most 20");
        assertThatThrownBy(() -> CreateChallengeParams.builder().factorSid(FACTOR_SID)
                .addDetailsField("l".repeat(37), "v").build()).hasMessageContaining("label");
        assertThatThrownBy(() -> CreateChallengeParams.builder().factorSid(FACTOR_SID)
                .addDetailsField("l", "v".repeat(129)).build()).hasMessageContaining("value");
        assertThatThrownBy(() -> CreateChallengeParams.builder().factorSid(FACTOR_SID)
                .hiddenDetails(Map.of("k", "v".repeat(1020))).build()).hasMessageContaining("HiddenDetails");
        assertThatThrownBy(() -> UpdateChallengeParams.authPayload("x".repeat(5457))).hasMessageContaining("AuthPayload");
        assertThatThrownBy(() -> ListChallengeParams.builder().pageSize(0).build()).hasMessageContaining("PageSize");
        assertThatThrownBy(() -> ListChallengeParams.builder().pageSize(1001).build()).hasMessageContaining("PageSize");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void limitsAtTheBoundaryAreAccepted() {
        CreateChallengeParams.Builder twenty = CreateChallengeParams.builder().factorSid(FACTOR_SID)
                .detailsMessage("m".repeat(256));
        for (int i = 0; i < 20; i++) {
            twenty.addDetailsField("l".repeat(36), "v".repeat(128));
        }
        assertThat(twenty.build().detailsFields()).hasSize(20);
        assertThat(ListChallengeParams.builder().pageSize(1000).build().pageSize()).isEqualTo(1000);
    }

    static String page(List<String> items, String nextPageUrl) {
        return "{\"challenges\":[" + String.join(",", items) + "],\"meta\":{\"page\":0,\"page_size\":"
                + items.size() + ",\"key\":\"challenges\",\"next_page_url\":"
                + (nextPageUrl == null ? "null" : "\"" + nextPageUrl + "\"") + "}}";
    }
}
