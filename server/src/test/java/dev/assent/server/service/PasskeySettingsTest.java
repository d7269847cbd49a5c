package dev.assent.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasskeySettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "login.example.co.uk", "localhost", "xn--bcher-kva.example", "a-b.example"})
    void domainsAreRelyingPartyIds(String id) {
        assertThat(PasskeySettings.requireRpId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "example.com:443", "example.com/", "Example.com", "10.0.0.1", "example..com",
            "-example.com", "example.com.", "", "exa mple.com", "user@example.com"})
    void anythingElseIs60372(String id) {
        assertThatThrownBy(() -> PasskeySettings.requireRpId(id))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PASSKEY_RP_ID_INVALID));
    }

    @Test
    void originsAreExactSecureOriginsOfTheRelyingParty() {
        assertThat(PasskeySettings.requireOrigins(List.of("https://example.com", "https://login.example.com:8443",
                "android:apk-key-hash:bm90LWEtcmVhbC1oYXNoLWJ1dC1sb25n", "https://example.com"), "example.com"))
                .containsExactly("https://example.com", "https://login.example.com:8443", "android:apk-key-hash:bm90LWEtcmVhbC1oYXNoLWJ1dC1sb25n");
        assertThat(PasskeySettings.requireOrigins(List.of("http://localhost:5173"), "localhost")).containsExactly("http://localhost:5173");
        for (String bad : List.of("http://example.com", "https://example.com/", "https://notexample.com", "https://example.com.evil",
                "https://user@example.com", "https://example.com#x", "http://localhost:5173")) {
            assertThatThrownBy(() -> PasskeySettings.requireOrigins(List.of(bad), "example.com")).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ApiError.PASSKEY_RELYING_PARTY_INVALID));
        }
    }
}
