package dev.assent.server.cli.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.cli.DurationConverter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Clock correction, HTTP dates, base URLs, durations and terminal-safe text. */
class SmallPartsTest {

    @Test
    void clockCorrectionAdoptsTheServersTime() {
        Clock local = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        ClockCorrection clock = new ClockCorrection(local, 0);
        Instant server = ClockCorrection.parseHttpDate("Thu, 15 Jan 2026 10:20:00 GMT").orElseThrow();
        assertThat(clock.correctTo(server)).isTrue();
        assertThat(clock.offsetSeconds()).isEqualTo(1200);
        assertThat(clock.now()).isEqualTo(server);
        assertThat(clock.correctTo(server)).isFalse();
        assertThat(ClockCorrection.parseHttpDate("Mon, 5 Jan 2026 08:00:00 GMT")).contains(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(ClockCorrection.parseHttpDate("yesterday")).isEmpty();
        assertThat(ClockCorrection.parseHttpDate(null)).isEmpty();
    }

    @Test
    void baseUrlsAreNormalised() {
        assertThat(VerifyClient.normaliseBase("http://127.0.0.1:8080/")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(VerifyClient.normaliseBase("https://verify.twilio.com/v2/")).isEqualTo(URI.create("https://verify.twilio.com"));
        assertThatThrownBy(() -> VerifyClient.normaliseBase("127.0.0.1:8080")).isInstanceOf(DeviceCliException.class);
        assertThatThrownBy(() -> VerifyClient.normaliseBase("ftp://example.com")).isInstanceOf(DeviceCliException.class);
    }

    @Test
    void pathSegmentsAndBasicAuthAreEncodedAsTheSdksDo() {
        assertThat(VerifyClient.segment("a b/c")).isEqualTo("a%20b%2Fc");
        assertThat(VerifyClient.basic("username", "password")).isEqualTo("Basic dXNlcm5hbWU6cGFzc3dvcmQ="); // §1 test vector
    }

    @Test
    void durationsReadAsTyped() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void controlCharactersCannotReachTheTerminal() {
        assertThat(Text.safe("Login\u001b[2J\r\nApproved!")).isEqualTo("Login\\u001b[2J\\u000d\\u000aApproved!");
        assertThat(Text.safe("Zürich ✓")).isEqualTo("Zürich ✓");
        assertThat(Text.safe(null)).isEmpty();
    }
}
