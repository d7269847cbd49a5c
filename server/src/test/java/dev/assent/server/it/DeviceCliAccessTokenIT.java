package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Enrollment with an access token, as the mobile SDK enrolls (docs/push-protocol.md §2.2, §11): the backend
 * asks for a token with its account credentials, the device creates its factor with
 * {@code Basic token:<access token>}, and the token serves once.
 */
class DeviceCliAccessTokenIT extends DeviceCliFixture {

    private static final String IDENTITY = "carol-0001";

    @Test
    void aDeviceEnrollsWithAnAccessTokenThatServesOnlyOnce() {
        Http.Reply issued = http.post(auth, "/v2/Services/" + service + "/AccessTokens",
                params("Identity", IDENTITY, "FactorType", "push", "FactorFriendlyName", "Carol's phone", "Ttl", "300"));
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        String token = issued.text("token");
        assertThat(token).isNotBlank();

        Path first = tempDir.resolve("first.json");
        Run enrolled = device("enroll", "--file", first.toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--name", "Carol's phone", "--access-token", token);
        assertThat(enrolled.exitCode()).as(enrolled.all()).isZero();
        String factorSid = factorSid(enrolled);
        assertThat(enrolled.out()).contains("Factor " + factorSid + " is verified.");
        assertThat(backendFactor(IDENTITY, factorSid).get("status").asText()).isEqualTo("verified");
        assertThat(enrolled.all()).doesNotContain(token);

        Path second = tempDir.resolve("second.json");
        Run reused = device("enroll", "--file", second.toString(), "--url", server.publicBase(), "--service", service,
                "--identity", IDENTITY, "--access-token", token);
        assertThat(reused.exitCode()).as(reused.all()).isEqualTo(1);
        assertThat(reused.err()).contains("the server refused").doesNotContain(token);
        assertThat(second).doesNotExist();
    }
}
