package dev.assent.client;

import static dev.assent.client.ChallengesApiTest.decodeForm;
import static dev.assent.client.Fixtures.FACTOR_SID;
import static dev.assent.client.Fixtures.IDENTITY;
import static dev.assent.client.Fixtures.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Factors against a fake server. */
class FactorsApiTest extends FakeServerTest {

    private static final String FACTORS_PATH = "/v2/Services/" + SERVICE_SID + "/Entities/" + IDENTITY + "/Factors";

    @Test
    void createTotpFactorSendsConfigKeysAndReturnsTheBinding() {
        server.enqueue(201, Fixtures.example("new_factor_totp"));
        Factor factor = client.factors().createFactor(SERVICE_SID, IDENTITY, CreateFactorParams.totp("Authenticator")
                .configCodeLength(8).configTimeStep(60).configSkew(0).configAlg(TotpAlgorithm.SHA256).build());

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(FACTORS_PATH);
        assertThat(request.body()).isEqualTo("FriendlyName=Authenticator&FactorType=totp&Config.TimeStep=60"
                + "&Config.Skew=0&Config.CodeLength=8&Config.Alg=sha256");
        assertThat(factor.status()).isEqualTo(FactorStatus.UNVERIFIED);
        assertThat(factor.factorType()).isEqualTo(FactorType.TOTP);
        assertThat(factor.totpSecret()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(factor.totpUri()).startsWith("otpauth://totp/test-issuer:");
        assertThat(factor.config()).containsEntry("alg", "sha1").containsEntry("code_length", 6);
    }

    @Test
    void createPushFactorSendsBindingConfigAndMetadata() {
        server.enqueue(201, Fixtures.example("factor_push"));
        client.factors().createFactor(SERVICE_SID, IDENTITY, CreateFactorParams.push("Ana's phone")
                .bindingPublicKey("MFkw+/=")
                .configAppId("com.example.app")
                .configNotificationPlatform(NotificationPlatform.FCM)
                .configNotificationToken("t".repeat(32))
                .configSdkVersion("0.9.0")
                .metadata(Map.of("os", "Android"))
                .build());

        assertThat(decodeForm(server.takeRequest().body())).containsExactly(
                entry("FriendlyName", "Ana's phone"),
                entry("FactorType", "push"),
                entry("Binding.Alg", "ES256"),
                entry("Binding.PublicKey", "MFkw+/="),
                entry("Config.AppId", "com.example.app"),
                entry("Config.NotificationPlatform", "fcm"),
                entry("Config.NotificationToken", "t".repeat(32)),
                entry("Config.SdkVersion", "0.9.0"),
                entry("Metadata", "{\"os\":\"Android\"}"));
    }

    @Test
    void updateFactorVerifiesWithAuthPayloadAndParsesTheFactor() {
        server.enqueue(200, Fixtures.example("factor_push"));
        Factor factor = client.factors().updateFactor(SERVICE_SID, IDENTITY, FACTOR_SID,
                UpdateFactorParams.authPayload("123456"));

        FakeServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo(FACTORS_PATH + "/" + FACTOR_SID);
        assertThat(request.body()).isEqualTo("AuthPayload=123456");
        assertThat(factor.status()).isEqualTo(FactorStatus.VERIFIED);
        assertThat(factor.binding()).isEmpty();
        assertThat(factor.metadata()).containsEntry("os", "Android");
        assertThat(factor.config()).containsEntry("notification_platform", "fcm");
    }

    @Test
    void fetchListAndDelete() {
        server.enqueue(200, Fixtures.example("factor_push"));
        server.enqueue(200, "{\"factors\":[" + Fixtures.example("factor_push") + "],\"meta\":{\"next_page_url\":null}}");
        server.enqueue(new FakeServer.Response(204, "", Map.of()));

        client.factors().fetchFactor(SERVICE_SID, IDENTITY, FACTOR_SID);
        assertThat(client.factors().listFactor(SERVICE_SID, IDENTITY, ListParams.all()).count()).isEqualTo(1);
        client.factors().deleteFactor(SERVICE_SID, IDENTITY, FACTOR_SID);

        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET " + FACTORS_PATH + "/" + FACTOR_SID, "GET " + FACTORS_PATH,
                "DELETE " + FACTORS_PATH + "/" + FACTOR_SID);
    }

    @Test
    void documentedLimitsAreCheckedBeforeSending() {
        assertThatThrownBy(() -> CreateFactorParams.totp("x".repeat(65)).build()).hasMessageContaining("FriendlyName");
        assertThatThrownBy(() -> CreateFactorParams.totp("ok").configCodeLength(2).build())
                .hasMessageContaining("Config.CodeLength");
        assertThatThrownBy(() -> CreateFactorParams.push("ok").configNotificationToken("short").build())
                .hasMessageContaining("Config.NotificationToken");
        assertThatThrownBy(() -> CreateFactorParams.push("ok").configAppId("a".repeat(101)).build())
                .hasMessageContaining("Config.AppId");
        assertThatThrownBy(() -> UpdateFactorParams.builder().configSkew(3).build()).hasMessageContaining("Config.Skew");
        assertThatThrownBy(() -> client.factors().fetchFactor(SERVICE_SID, IDENTITY, "YC" + "a".repeat(32)))
                .hasMessageContaining("YF");
        assertThat(server.requests()).isEmpty();
    }
}
