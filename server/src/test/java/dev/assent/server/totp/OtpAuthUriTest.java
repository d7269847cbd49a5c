package dev.assent.server.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    @Test
    void matchesTwiliosExampleExactly() {
        assertThat(OtpAuthUri.of("test-issuer", "John\u2019s Account Name", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                        TotpParameters.defaults()))
                .isEqualTo("otpauth://totp/test-issuer:John%E2%80%99s%20Account%20Name"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=test-issuer&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void carriesTheFactorsParameters() {
        TotpParameters p = new TotpParameters(TotpAlgorithm.SHA512, 8, Duration.ofSeconds(60), 0);
        assertThat(OtpAuthUri.of("Acme", "alice", "MZXW6YTBOI", p))
                .isEqualTo("otpauth://totp/Acme:alice?secret=MZXW6YTBOI&issuer=Acme&algorithm=SHA512&digits=8&period=60");
    }

    @Test
    void percentEncodesReservedCharactersAndLeavesUnreservedOnesRaw() {
        assertThat(OtpAuthUri.of("A&B: Co+", "a.b_c-d~e@x.com", "MY", TotpParameters.defaults()))
                .isEqualTo("otpauth://totp/A%26B%3A%20Co%2B:a.b_c-d~e%40x.com"
                        + "?secret=MY&issuer=A%26B%3A%20Co%2B&algorithm=SHA1&digits=6&period=30");
    }
}
