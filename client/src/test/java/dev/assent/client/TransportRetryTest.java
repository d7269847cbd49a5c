package dev.assent.client;

import static dev.assent.client.Fixtures.CHALLENGE;
import static dev.assent.client.Fixtures.CHALLENGE_SID;
import static dev.assent.client.Fixtures.FACTOR_SID;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries: idempotent requests are retried on 429 and 5xx, POST never; credentials and errors. */
class TransportRetryTest extends FakeServerTest {

    @Test
    void getIsRetriedAfterA503ThenSucceeds() {
        server.enqueue(503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
        server.enqueue(200, CHALLENGE);

        Challenge challenge = client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID);

        assertThat(challenge.sid()).isEqualTo(CHALLENGE_SID);
        assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void a429WithRetryAfterIsRetried() {
        server.enqueue(new FakeServer.Response(429,
                "{\"code\":20429,\"message\":\"Too many requests\",\"status\":429}", Map.of("Retry-After", "0")));
        server.enqueue(200, CHALLENGE);

        assertThat(client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID).sid()).isEqualTo(CHALLENGE_SID);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void retryAfterIsHonoured() {
        server.enqueue(new FakeServer.Response(503,
                "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}", Map.of("Retry-After", "1")));
        server.enqueue(200, CHALLENGE);

        long start = System.nanoTime();
        client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void deleteIsRetriedButNotAfterSuccess() {
        server.enqueue(502, "{\"code\":20502,\"message\":\"Bad gateway\",\"status\":502}");
        server.enqueue(new FakeServer.Response(204, "", Map.of()));

        client.entities().deleteEntity(SERVICE_SID, IDENTITY);

        assertThat(server.requests()).extracting(FakeServer.Recorded::method).containsExactly("DELETE", "DELETE");
    }

    @Test
    void aConnectionFailureOutlastingTheRetriesIsAnUncheckedIoException() {
        java.net.URI closed = server.baseUrl();
        server.close();
        AssentClient unreachable = AssentClient.builder().baseUrl(closed)
                .credentials(Fixtures.ACCOUNT_SID, Fixtures.AUTH_TOKEN)
                .retryBackoff(java.time.Duration.ZERO, java.time.Duration.ofMillis(5)).build();
        assertThatThrownBy(() -> unreachable.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("GET");
    }

    @Test
    void getGivesUpAfterMaxRetries() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(500, "{\"code\":20500,\"message\":\"Internal error\",\"status\":500}");
        }
        assertThatThrownBy(() -> client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID))
                .isInstanceOfSatisfying(AssentException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThat(server.requests()).hasSize(1 + AssentClient.DEFAULT_MAX_RETRIES);
    }

    @Test
    void postIsNeverRetried() {
        server.enqueue(503, "{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}");
        server.enqueue(201, CHALLENGE);

        assertThatThrownBy(() -> client.challenges().createChallenge(SERVICE_SID, IDENTITY,
                CreateChallengeParams.builder().factorSid(FACTOR_SID).build()))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo(20503);
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(404, Fixtures.NOT_FOUND);
        assertThatThrownBy(() -> client.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID))
                .isInstanceOf(AssentException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aNonJsonErrorStillBecomesAnAssentException() {
        server.enqueue(new FakeServer.Response(502, "Bad gateway", Map.of("Content-Type", "text/plain")));
        AssentClient noRetries = AssentClient.builder().baseUrl(server.baseUrl())
                .credentials(Fixtures.ACCOUNT_SID, Fixtures.AUTH_TOKEN).maxRetries(0).build();
        assertThatThrownBy(() -> noRetries.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID))
                .isInstanceOfSatisfying(AssentException.class, e -> {
                    assertThat(e.code()).isZero();
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.message()).contains("Bad gateway");
                });
    }

    @Test
    void anApiKeyIsSentAsBasicCredentials() {
        server.enqueue(200, CHALLENGE);
        AssentClient withKey = AssentClient.builder().baseUrl(server.baseUrl() + "/")
                .apiKey("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "key-secret").build();
        withKey.challenges().fetchChallenge(SERVICE_SID, IDENTITY, CHALLENGE_SID);

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.header("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb:key-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(request.path()).as("a trailing slash on the base URL is not doubled")
                .isEqualTo(Fixtures.CHALLENGES_PATH + "/" + CHALLENGE_SID);
    }

    @Test
    void theBuilderRequiresABaseUrlAndCredentials() {
        assertThatThrownBy(() -> AssentClient.builder().credentials("AC1", "t").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> AssentClient.builder().baseUrl("http://localhost:8080").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> AssentClient.builder().baseUrl("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
