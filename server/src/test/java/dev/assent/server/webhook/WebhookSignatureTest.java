package dev.assent.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String URL = "https://backend.example.com/events?tenant=a&x=%20y";

    @Test
    void theOfficialRequestValidatorAcceptsTheSignature() {
        Map<String, String> params = Map.of("type", "challenge.approved", "challenge_details", "{\"message\":\"Grüße & ☃\"}",
                "uuid", "0f8fad5b-d9cb-469f-a165-70867728950e", "empty", "", "Account_Sid", "AC1");

        String signature = WebhookSignature.sign(TOKEN, URL, params);

        assertThat(new RequestValidator(TOKEN).validate(URL, params, signature)).isTrue();
        assertThat(new RequestValidator("another-token").validate(URL, params, signature)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(URL, Map.of("type", "challenge.denied"), signature)).isFalse();
    }

    @Test
    void backoffStartsAtTheInitialDelayDoublesAndIsCapped() {
        WebhookSettings settings = WebhookSettings.DEFAULTS;
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(settings.backoff(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(settings.backoff(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.backoff(1000)).isEqualTo(Duration.ofMinutes(10));
    }
}
