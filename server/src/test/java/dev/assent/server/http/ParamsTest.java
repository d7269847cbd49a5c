package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void anEnumIsReadByItsWireNameOnly() {
        Params params = FormParser.parse("FactorType=totp&Config.NotificationPlatform=APN");

        assertThat(params.optionalEnum("FactorType", FactorType.values())).contains(FactorType.TOTP);
        assertThat(params.optionalEnum("Missing", FactorType.values())).isEmpty();
        assertThatThrownBy(() -> params.optionalEnum("Config.NotificationPlatform", NotificationPlatform.values()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.INVALID_PARAMETER))
                .hasMessage("Invalid parameter Config.NotificationPlatform 'APN': must be apn, fcm or none");
    }

    @Test
    void everyValueOfARepeatedParameterIsParsedInOrder() {
        Params params = FormParser.parse("FactorType=totp&FactorType=push&Bad=push&Bad=sms");

        assertThat(params.all("FactorType", FactorType::fromWire, "must be push or totp")).containsExactly(FactorType.TOTP, FactorType.PUSH);
        assertThat(params.all("Missing", FactorType::fromWire, "must be push or totp")).isEmpty();
        assertThatThrownBy(() -> params.all("Bad", FactorType::fromWire, "must be push or totp"))
                .hasMessage("Invalid parameter Bad 'sms': must be push or totp");
    }

    @Test
    void aSidMustHaveItsTypesPrefix() {
        Sid factor = Sid.generate(SidType.FACTOR);
        Params params = FormParser.parse("FactorSid=" + factor + "&Other=" + Sid.generate(SidType.CHALLENGE));

        assertThat(params.optionalSid("FactorSid", SidType.FACTOR)).contains(factor);
        assertThatThrownBy(() -> params.optionalSid("Other", SidType.FACTOR))
                .isInstanceOf(ApiException.class).hasMessageContaining("Invalid parameter Other").hasMessageEndingWith("must be a YF SID");
    }

    @Test
    void integersAreDecimalAndRangesInclusive() {
        Params params = FormParser.parse("A=8&B=-3&C=9&D=1e3&E=1234567890");

        assertThat(params.optionalInt("A", 3, 8)).isEqualTo(OptionalInt.of(8));
        assertThat(params.optionalInt("B")).isEqualTo(OptionalInt.of(-3));
        assertThat(params.optionalInt("Z", 3, 8)).isEmpty();
        assertThatThrownBy(() -> params.optionalInt("C", 3, 8)).hasMessage("Invalid parameter C '9': must be between 3 and 8");
        assertThatThrownBy(() -> params.optionalInt("D")).hasMessage("Invalid parameter D '1e3': must be an integer");
        assertThatThrownBy(() -> params.optionalInt("E")).hasMessage("Invalid parameter E '1234567890': must be an integer");
    }

    @Test
    void aFriendlyNameIsOneToMaxCharactersAndNotBlank() {
        Params params = FormParser.parse("FriendlyName=" + "n".repeat(64) + "&Long=" + "n".repeat(65) + "&Blank=%20%20");

        assertThat(params.optionalFriendlyName("FriendlyName", 64)).contains("n".repeat(64));
        assertThatThrownBy(() -> params.optionalFriendlyName("Long", 64)).hasMessageEndingWith("must be 1 to 64 characters");
        assertThatThrownBy(() -> params.optionalFriendlyName("Blank", 64)).hasMessage("Invalid parameter Blank '  ': must be 1 to 64 characters");
    }

    @Test
    void aBoundedValueIsRefusedWithoutQuotingIt() {
        Params params = FormParser.parse("AuthPayload=" + "1".repeat(11));

        assertThat(params.optionalBounded("AuthPayload", 11)).contains("1".repeat(11));
        assertThatThrownBy(() -> params.optionalBounded("AuthPayload", 10))
                .hasMessage("Invalid parameter AuthPayload: must be at most 10 characters");
    }
}
