package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must pass Twilio's own examples and catch what it claims to. */
class WireContractTest {

    private static final String CHALLENGE_PATH = "/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/"
            + "ff483d1ff591898a9942916050d2ca3f/Challenges/YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String CHALLENGE = "{\"sid\":\"YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
            + "\"factor_sid\":\"YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"date_created\":\"2015-07-30T20:00:00Z\","
            + "\"status\":\"pending\",\"details\":{\"message\":\"Hi\",\"date\":\"2015-07-30T20:00:00Z\"},"
            + "\"url\":\"http://127.0.0.1:8080" + CHALLENGE_PATH + "\","
            + "\"links\":{\"notifications\":\"http://127.0.0.1:8080" + CHALLENGE_PATH + "/Notifications\"}}";

    private final WireContract contract = WireContract.instance();

    @Test
    void aSpecShapedChallengeFetchPasses() {
        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 200, CHALLENGE))).isEmpty();
    }

    @Test
    void aWrongSidPatternAndUnknownEnumValueAreCaught() {
        String body = CHALLENGE.replace("YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"factor", "XX1\",\"factor")
                .replace("\"pending\"", "\"waiting\"");

        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 200, body)))
                .anySatisfy(v -> assertThat(v).contains("/sid"))
                .anySatisfy(v -> assertThat(v).contains("/status"));
    }

    @Test
    void fractionalSecondsAndOffsetsInDatesAreCaught() {
        String body = CHALLENGE.replace("\"date_created\":\"2015-07-30T20:00:00Z\"", "\"date_created\":\"2015-07-30T20:00:00.123Z\"")
                .replace("\"date\":\"2015-07-30T20:00:00Z\"", "\"date\":\"2015-07-30T22:00:00+02:00\"");

        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 200, body)))
                .anySatisfy(v -> assertThat(v).contains("/date_created"))
                .anySatisfy(v -> assertThat(v).contains("/details/date"));
    }

    @Test
    void twilioErrorBodiesPassAndIncompleteOnesAreCaught() {
        String good = "{\"code\":20404,\"message\":\"The requested resource was not found\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}";

        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 404, good))).isEmpty();
        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 404, "{\"message\":\"nope\"}")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(contract.violations(json("GET", CHALLENGE_PATH, 401, good)))
                .anySatisfy(v -> assertThat(v).contains("differs from the HTTP status"));
    }

    @Test
    void aNonJsonOrNonEmptyNoContentAnswerIsCaught() {
        assertThat(contract.violations(new Exchange("GET", URI.create("http://127.0.0.1:8080" + CHALLENGE_PATH), null, 500,
                Map.of("Content-Type", List.of("text/plain")), "boom"))).isNotEmpty();
        assertThat(contract.violations(new Exchange("DELETE", URI.create("http://127.0.0.1:8080/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                null, 204, Map.of(), "{}"))).isNotEmpty();
    }

    private static Exchange json(String method, String path, int status, String body) {
        return new Exchange(method, URI.create("http://127.0.0.1:8080" + path), null, status,
                Map.of("Content-Type", List.of("application/json")), body);
    }
}
