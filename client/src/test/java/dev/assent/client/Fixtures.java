package dev.assent.client;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

/** Response bodies from the Twilio Verify v2 OpenAPI examples, and shared test values. */
final class Fixtures {

    static final String ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String AUTH_TOKEN = "secret-token";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    static final String SERVICE_SID = "VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String IDENTITY = "ff483d1ff591898a9942916050d2ca3f";
    static final String FACTOR_SID = "YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String CHALLENGE_SID = "YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String CHALLENGES_PATH = "/v2/Services/" + SERVICE_SID + "/Entities/" + IDENTITY + "/Challenges";

    /** FetchChallenge example {@code fetchSid}. */
    static final String CHALLENGE = """
            {"sid":"YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",\
            "service_sid":"VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","entity_sid":"YEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",\
            "identity":"ff483d1ff591898a9942916050d2ca3f","factor_sid":"YFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",\
            "date_created":"2015-07-30T20:00:00Z","date_updated":"2015-07-30T20:00:00Z",\
            "date_responded":"2015-07-30T20:00:00Z","expiration_date":"2015-07-30T20:00:00Z",\
            "status":"approved","responded_reason":"none",\
            "details":{"message":"Hi! Mr. John Doe, would you like to sign up?","date":"2020-07-01T12:13:14Z",\
            "fields":[{"label":"Action","value":"Sign up in portal"}]},\
            "hidden_details":{"ip":"172.168.1.234"},"metadata":{"os":"Android"},"factor_type":"push",\
            "url":"https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/ff483d1ff591898a9942916050d2ca3f/Challenges/YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",\
            "links":{"notifications":"https://verify.twilio.com/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Entities/ff483d1ff591898a9942916050d2ca3f/Challenges/YCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Notifications"}}""";

    static final String NOT_FOUND = """
            {"code":20404,"message":"The requested resource was not found",\
            "more_info":"https://www.twilio.com/docs/errors/20404","status":404}""";

    private Fixtures() {
    }

    /** A response example from the OpenAPI spec, under {@code src/test/resources/examples}. */
    static String example(String name) {
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A challenge body with another SID and status. */
    static String challenge(String sid, String status) {
        return CHALLENGE.replace(CHALLENGE_SID, sid).replace("\"approved\"", "\"" + status + "\"");
    }

    static String challengeSid(int n) {
        return String.format("YC%032x", n);
    }

    static AssentClient client(FakeServer server) {
        return AssentClient.builder()
                .baseUrl(server.baseUrl())
                .credentials(ACCOUNT_SID, AUTH_TOKEN)
                .retryBackoff(java.time.Duration.ZERO, java.time.Duration.ofMillis(5))
                .build();
    }
}
