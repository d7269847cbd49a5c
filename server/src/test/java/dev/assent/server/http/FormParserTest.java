package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParserTest {

    @Test
    void aRawAmpersandInsideAValueContinuesIt() {
        Params params = FormParser.parse("FriendlyName=Tom&Jerry&FactorType=push");

        assertThat(params.optional("FriendlyName")).contains("Tom&Jerry");
        assertThat(params.optional("FactorType")).contains("push");
    }

    @Test
    void severalAndDoubledRawAmpersandsSurviveInsideAValue() {
        assertThat(FormParser.parse("FriendlyName=A&B&&C&FactorType=push").optional("FriendlyName")).contains("A&B&&C");
        assertThat(FormParser.parse("FriendlyName=Tom&Jerry").optional("FriendlyName")).contains("Tom&Jerry");
    }

    @Test
    void rawEqualsAndSlashesOfBase64SurviveAsIosSendsThem() {
        Params params = FormParser.parse("Binding.PublicKey=MFkw/EwY+HKo==&Config.AppId=com.example");

        assertThat(params.optional("Binding.PublicKey")).contains("MFkw/EwY HKo==");
        assertThat(params.optional("Config.AppId")).contains("com.example");
    }

    @Test
    void emptyPairsAndATrailingAmpersandAddNothing() {
        Params params = FormParser.parse("a=1&&b=2&");

        assertThat(params.optional("a")).contains("1");
        assertThat(params.optional("b")).contains("2");
    }

    @Test
    void aNameBeforeAnyPairStandsAloneWithAnEmptyValue() {
        Params params = FormParser.parse("flag&a=1");

        assertThat(params.optional("flag")).contains("");
        assertThat(params.optional("a")).contains("1");
    }

    @Test
    void percentEncodedAmpersandsAndRepeatedNamesAreUnchanged() {
        Params params = FormParser.parse("FriendlyName=Tom%26Jerry&EventTypes=a&EventTypes=b");

        assertThat(params.optional("FriendlyName")).contains("Tom&Jerry");
        assertThat(params.all("EventTypes")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aContinuedValueIsStillPercentDecodedAndChecked() {
        assertThat(FormParser.parse("Metadata=%7B%22a%22:%22x&y%22%7D").optional("Metadata")).contains("{\"a\":\"x&y\"}");
        assertThatThrownBy(() -> FormParser.parse("FriendlyName=a&%ZZ")).isInstanceOf(ApiException.class);
    }

    @Test
    void controlCharactersAreRefusedNamingTheParameterExceptLineBreaksInMultilineOnes() {
        assertThatThrownBy(() -> FormParser.parse("FriendlyName=a%00b")).isInstanceOf(ApiException.class)
                .hasMessageContaining("FriendlyName").hasMessageContaining("control characters");
        assertThatThrownBy(() -> FormParser.parse("Friendly%01Name=a")).isInstanceOf(ApiException.class)
                .hasMessageContaining("Friendly?Name");
        assertThatThrownBy(() -> FormParser.parse("FriendlyName=a%7F")).isInstanceOf(ApiException.class);
        Params params = FormParser.parse("FriendlyName=a%0Ab&Certificate=-----BEGIN%0D%0Ax%09y");
        assertThatThrownBy(() -> params.optional("FriendlyName")).isInstanceOf(ApiException.class).hasMessageContaining("FriendlyName");
        assertThat(params.optionalMultiline("Certificate")).contains("-----BEGIN\r\nx\ty");
        assertThatThrownBy(() -> FormParser.parse("Certificate=a%00")).isInstanceOf(ApiException.class);
    }
}
