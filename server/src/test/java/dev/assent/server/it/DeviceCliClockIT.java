package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The server's clock runs 20 minutes ahead of the device's, so the device's first JWT is already expired:
 * the server answers 401 with its own time in {@code Date}, and the device corrects its offset and retries
 * once, as the SDKs do (docs/push-protocol.md §1).
 */
class DeviceCliClockIT extends DeviceCliFixture {

    private static final Duration AHEAD = Duration.ofMinutes(20);
    private final MutableClock clock = new MutableClock(Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS));

    @Override
    Clock serverClock() {
        return clock;
    }

    @Test
    void aServerTwentyMinutesAheadIsFollowedThroughItsDateHeader() throws Exception {
        Http.Reply unauthenticated = http.get(Http.basic("token", "not-a-jwt"), entityPath("alice-0001") + "/Challenges");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(ZonedDateTime.parse(unauthenticated.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .isEqualTo(clock.instant());

        Path file = tempDir.resolve("device.json");
        Run enrolled = device("enroll", "--file", file.toString(), "--url", server.publicBase(), "--service", service,
                "--identity", "alice-0001", "--account-sid", account.sid().value(), "--auth-token", account.authToken().reveal());
        assertThat(enrolled.exitCode()).as(enrolled.all()).isZero();
        assertThat(enrolled.err()).contains("ahead of this machine's").contains("retrying");
        String factorSid = factorSid(enrolled);
        assertThat(backendFactor("alice-0001", factorSid).get("status").asText()).isEqualTo("verified");
        long offset = new ObjectMapper().readTree(Files.readString(file)).get("clock_offset_seconds").asLong();
        assertThat(offset).isBetween(AHEAD.toSeconds() - 60, AHEAD.toSeconds() + 1);

        // The saved offset is used from then on: no further 401 and no new correction.
        String challenge = createChallenge("alice-0001", factorSid, "From the future");
        Run approved = device("approve", challenge, "--file", file.toString());
        assertThat(approved.exitCode()).as(approved.all()).isZero();
        assertThat(approved.err()).doesNotContain("adjusted");
        assertThat(backendStatus("alice-0001", challenge)).isEqualTo("approved");
    }
}
