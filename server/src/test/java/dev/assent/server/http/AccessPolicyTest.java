package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.device.DeviceKeys;
import dev.assent.server.entity.Entity;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorStatus;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.NotificationPlatform;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.service.PushSettings;
import dev.assent.server.service.TotpSettings;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Who may call what: the rules of {@link AccessPolicy}, one principal and route kind at a time. */
class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Sid ACCOUNT = Sid.generate(SidType.ACCOUNT);
    private static final Sid SERVICE = Sid.generate(SidType.SERVICE);
    private static final String IDENTITY = "user-1";

    private final Principal account = new Principal.AccountPrincipal(ACCOUNT);
    private final Principal apiKey = new Principal.ApiKeyPrincipal(ACCOUNT, Sid.generate(SidType.API_KEY));
    private final ECPublicKey deviceKey = key();
    private final Factor factor = pushFactor(deviceKey);
    private final Principal device = new Principal.DevicePrincipal(factor,
            new Entity(factor.entitySid(), ACCOUNT, SERVICE, IDENTITY, NOW, NOW),
            new VerifyService(SERVICE, ACCOUNT, "Service", PushSettings.DEFAULT, TotpSettings.DEFAULT, PasskeySettings.DEFAULT, NOW, NOW),
            deviceKey);
    private final Principal enrollment = new Principal.EnrollmentPrincipal(new AccessToken(Sid.generate(SidType.ACCESS_TOKEN), ACCOUNT,
            SERVICE, IDENTITY, FactorType.PUSH, Optional.empty(), Duration.ofMinutes(1), "jwt", NOW.plusSeconds(60), Optional.empty(), NOW));

    private static AccessPolicy.Scope scope(String service, String identity, String accountSid) {
        return new AccessPolicy.Scope("/the/path", service, accountSid, () -> identity);
    }

    private static final AccessPolicy.Scope OWN = scope(SERVICE.value(), IDENTITY, ACCOUNT.value());

    @Test
    void theBackendCallsEveryRouteButAnApiKeyNotTheKeys() {
        for (AccessPolicy.Kind kind : AccessPolicy.Kind.values()) {
            assertThatCode(() -> AccessPolicy.admit(kind, account, OWN)).doesNotThrowAnyException();
        }
        for (AccessPolicy.Kind kind : new AccessPolicy.Kind[] {AccessPolicy.Kind.ACCOUNT, AccessPolicy.Kind.DEVICE, AccessPolicy.Kind.ENROLLMENT}) {
            assertThatCode(() -> AccessPolicy.admit(kind, apiKey, OWN)).doesNotThrowAnyException();
        }
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.KEYS, apiKey, OWN), ApiError.FORBIDDEN);
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.KEYS, account, scope(null, null, Sid.generate(SidType.ACCOUNT).value())),
                ApiError.NOT_FOUND);
    }

    @Test
    void aDeviceCallsOnlyDeviceRoutesOfItsOwnServiceAndIdentity() {
        assertThatCode(() -> AccessPolicy.admit(AccessPolicy.Kind.DEVICE, device, OWN)).doesNotThrowAnyException();
        for (AccessPolicy.Kind kind : new AccessPolicy.Kind[] {AccessPolicy.Kind.ACCOUNT, AccessPolicy.Kind.KEYS, AccessPolicy.Kind.ENROLLMENT}) {
            refused(() -> AccessPolicy.admit(kind, device, OWN), ApiError.FORBIDDEN);
        }
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.DEVICE, device, scope(Sid.generate(SidType.SERVICE).value(), IDENTITY, null)),
                ApiError.FORBIDDEN);
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.DEVICE, device, scope(SERVICE.value(), "user-2", null)), ApiError.FORBIDDEN);
    }

    @Test
    void aDeviceActsOnItsOwnFactorAndSeesOnlyItsChallenges() {
        assertThatCode(() -> AccessPolicy.requireOwnFactor(device, factor.sid())).doesNotThrowAnyException();
        refused(() -> AccessPolicy.requireOwnFactor(device, Sid.generate(SidType.FACTOR)), ApiError.FORBIDDEN);
        assertThatCode(() -> AccessPolicy.requireOwnFactor(account, Sid.generate(SidType.FACTOR))).doesNotThrowAnyException();

        assertThat(AccessPolicy.challengeFilter(device, Optional.empty())).contains(factor.sid());
        assertThat(AccessPolicy.challengeFilter(device, Optional.of(factor.sid()))).contains(factor.sid());
        refused(() -> AccessPolicy.challengeFilter(device, Optional.of(Sid.generate(SidType.FACTOR))), ApiError.FORBIDDEN);
        Sid other = Sid.generate(SidType.FACTOR);
        assertThat(AccessPolicy.challengeFilter(apiKey, Optional.of(other))).contains(other);
        assertThat(AccessPolicy.challengeFilter(account, Optional.empty())).isEmpty();

        assertThat(AccessPolicy.knownFactor(device, factor.sid())).contains(factor);
        assertThat(AccessPolicy.knownFactor(device, other)).isEmpty();
        assertThat(AccessPolicy.knownFactor(account, factor.sid())).isEmpty();
    }

    @Test
    void anAccessTokenOnlyCreatesTheFactorOfItsServiceAndIdentity() {
        assertThatCode(() -> AccessPolicy.admit(AccessPolicy.Kind.ENROLLMENT, enrollment, OWN)).doesNotThrowAnyException();
        for (AccessPolicy.Kind kind : new AccessPolicy.Kind[] {AccessPolicy.Kind.ACCOUNT, AccessPolicy.Kind.KEYS, AccessPolicy.Kind.DEVICE}) {
            refused(() -> AccessPolicy.admit(kind, enrollment, OWN), ApiError.FORBIDDEN);
        }
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.ENROLLMENT, enrollment, scope(SERVICE.value(), "user-2", null)),
                ApiError.FORBIDDEN);
        refused(() -> AccessPolicy.admit(AccessPolicy.Kind.ENROLLMENT, enrollment,
                scope(Sid.generate(SidType.SERVICE).value(), IDENTITY, null)), ApiError.FORBIDDEN);
    }

    private static void refused(ThrowingCallable call, ApiError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static ECPublicKey key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return (ECPublicKey) generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Factor pushFactor(ECPublicKey key) {
        return new Factor(Sid.generate(SidType.FACTOR), ACCOUNT, SERVICE, Sid.generate(SidType.ENTITY), IDENTITY, "Pixel",
                FactorStatus.VERIFIED, new PushBinding(DeviceKeys.encode(key), Sid.generate(SidType.CREDENTIAL), "app", "1.0",
                NotificationPlatform.NONE, Optional.empty()), Optional.empty(), 0, NOW, NOW);
    }
}
