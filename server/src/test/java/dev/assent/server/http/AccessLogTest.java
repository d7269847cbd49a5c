package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Request ids in Twilio's form, each one fresh. */
class AccessLogTest {

    @Test
    void requestIdsAreRqAnd32HexDigitsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = AccessLog.newRequestId();
            assertThat(id).matches("RQ[0-9a-f]{32}");
            assertThat(seen.add(id)).as(id).isTrue();
        }
    }
}
