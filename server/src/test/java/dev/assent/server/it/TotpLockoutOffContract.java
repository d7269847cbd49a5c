package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.challenge.TotpLockout;
import dev.assent.server.config.ServerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ASSENT_LIMIT_TOTP_LOCKOUT=off}: only the five attempts per challenge limit wrong codes. */
abstract class TotpLockoutOffContract extends ApiFixture {

    private static final String ID = "user-00000001";

    @Override
    ServerSettings settings() {
        return super.settings().withTotpLockout(TotpLockout.fromEnvironment(Map.of(TotpLockout.VARIABLE, "off")));
    }

    @Test
    void fifteenWrongCodesInARowDoNotLockTheFactor() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, ID);
        clock.advance(Duration.ofSeconds(30));
        String wrong = "000000".equals(code(factor[1], clock.instant())) ? "111111" : "000000";
        for (int challenge = 0; challenge < 3; challenge++) {
            String sid = http.post(auth, entityPath(service, ID) + "/Challenges", params("FactorSid", factor[0])).text("sid");
            for (int attempt = 0; attempt < 5; attempt++) {
                Http.Reply reply = http.post(auth, entityPath(service, ID) + "/Challenges/" + sid, params("AuthPayload", wrong));
                assertThat(reply.text("status")).as(reply.raw().body()).isEqualTo("pending");
            }
        }
        Http.Reply approved = http.post(auth, entityPath(service, ID) + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(201);
        assertThat(approved.text("status")).isEqualTo("approved");
    }
}
