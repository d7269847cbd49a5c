package dev.assent.conformance;

import static dev.assent.conformance.ApiErrors.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.Entity;
import com.twilio.rest.verify.v2.service.Webhook;
import com.twilio.rest.verify.v2.service.entity.Challenge;
import com.twilio.rest.verify.v2.service.entity.Factor;
import com.twilio.rest.verify.v2.service.entity.NewFactor;
import com.twilio.rest.verify.v2.service.entity.challenge.Notification;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * One scenario per Twilio error code Assent returns for bad input or a limit (docs/decisions.md,
 * "Error codes"): the actual bad input sent through twilio-java, the status, code and {@code more_info}
 * the SDK reports, and, where the request would have written something, that nothing was written.
 *
 * <p>Codes pinned elsewhere in this suite and not repeated here: 20003 and 20404 ({@link ErrorsIT}),
 * 60308, 60310, 60311, 60318 and 60324 ({@link TotpIT}), 60312 ({@link LimitsIT}), 60322 and 60323
 * ({@link DeviceApprovalIT}), 60407 ({@link AccessTokenIT}).
 */
class ErrorCodesIT extends EntityScenario {

    ErrorCodesIT(Conformance conformance) {
        super(conformance);
    }

    /** {@link ApiErrors#expectError}, and {@code more_info} is Twilio's page for the code. */
    private static ApiException refused(int status, int code, ThrowingCallable call) {
        ApiException error = expectError(status, code, call);
        assertThat(error.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
        return error;
    }

    @Test
    void aServiceFriendlyNameOver32CharactersIs60200() {
        String name = Backend.friendlyName("Too long").repeat(3) + "x".repeat(33);

        ApiException error = refused(400, 60200, () -> Service.creator(name).create(client));

        assertThat(error.getMessage()).contains("FriendlyName");
        List<String> names = new ArrayList<>();
        Service.reader().read(client).forEach(s -> names.add(s.getFriendlyName()));
        assertThat(names).doesNotContain(name);
    }

    @Test
    void anIdentityOfSevenCharactersIs60367ForAnEntityAndForAFactor() {
        ApiException error = refused(400, 60367, () -> Entity.creator(serviceSid, "abcdefg").create(client));
        assertThat(error.getMessage()).contains("Identity");

        refused(400, 60367, () -> NewFactor.creator(serviceSid, "abc-def", "Phone", NewFactor.FactorTypes.TOTP).create(client));

        assertThat(entities()).containsExactly(identity);
    }

    @Test
    void anEntityThatAlreadyExistsIs60301With409() {
        refused(409, 60301, () -> Entity.creator(serviceSid, identity).create(client));

        assertThat(entities()).containsExactly(identity);
    }

    @Test
    void aFactorTypeOtherThanPushOrTotpIs60369() {
        ApiException error = refused(400, 60369,
                () -> NewFactor.creator(serviceSid, identity, "Passkey", NewFactor.FactorTypes.PASSKEYS).create(client));

        assertThat(error.getMessage()).contains("FactorType");
        assertThat(factors()).isEmpty();
    }

    @Test
    void aTotpConfigOutOfRangeIs60370OnCreateAndOnUpdate() {
        ApiException error = refused(400, 60370, () -> NewFactor.creator(serviceSid, identity, "Authenticator",
                NewFactor.FactorTypes.TOTP).setConfigTimeStep(61).create(client));
        assertThat(error.getMessage()).contains("Config.TimeStep");
        refused(400, 60370, () -> NewFactor.creator(serviceSid, identity, "Authenticator", NewFactor.FactorTypes.TOTP)
                .setConfigCodeLength(9).create(client));
        assertThat(factors()).isEmpty();

        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);
        refused(400, 60370, () -> Factor.updater(serviceSid, identity, factor.sid()).setConfigSkew(3).update(client));

        Factor unchanged = Factor.fetcher(serviceSid, identity, factor.sid()).fetch(client);
        assertThat(Untyped.map(unchanged.getConfig())).containsEntry("skew", 1);
    }

    @Test
    void aPushNotificationTokenOfTheWrongLengthIs60370() {
        PushDevice device = conformance.newPushDevice();

        ApiException error = refused(400, 60370, () -> NewFactor.creator(serviceSid, identity, "Phone",
                        NewFactor.FactorTypes.PUSH)
                .setBindingAlg("ES256")
                .setBindingPublicKey(device.publicKeyBase64())
                .setConfigAppId(Backend.APP_ID)
                .setConfigNotificationPlatform(NewFactor.NotificationPlatforms.FCM)
                .setConfigNotificationToken("short")
                .setConfigSdkVersion(Backend.SDK_VERSION)
                .create(client));

        assertThat(error.getMessage()).contains("Config.NotificationToken");
        assertThat(factors()).isEmpty();
    }

    @Test
    void aPushFactorWithoutAPublicKeyIs60385() {
        ApiException error = refused(400, 60385, () -> NewFactor.creator(serviceSid, identity, "Phone",
                        NewFactor.FactorTypes.PUSH)
                .setBindingAlg("ES256")
                .setConfigAppId(Backend.APP_ID)
                .setConfigNotificationPlatform(NewFactor.NotificationPlatforms.NONE)
                .setConfigSdkVersion(Backend.SDK_VERSION)
                .create(client));

        assertThat(error.getMessage()).contains("Binding.PublicKey");
        assertThat(factors()).isEmpty();
    }

    @Test
    void aMalformedBindingIs60314() {
        PushDevice device = conformance.newPushDevice();
        refused(400, 60314, () -> NewFactor.creator(serviceSid, identity, "Phone", NewFactor.FactorTypes.PUSH)
                .setBindingAlg("ES256")
                .setBindingPublicKey("AAAA")
                .setConfigAppId(Backend.APP_ID)
                .setConfigNotificationPlatform(NewFactor.NotificationPlatforms.NONE)
                .setConfigSdkVersion(Backend.SDK_VERSION)
                .create(client));
        refused(400, 60314, () -> NewFactor.creator(serviceSid, identity, "Phone", NewFactor.FactorTypes.PUSH)
                .setBindingAlg("RS256")
                .setBindingPublicKey(device.publicKeyBase64())
                .setConfigAppId(Backend.APP_ID)
                .setConfigNotificationPlatform(NewFactor.NotificationPlatforms.NONE)
                .setConfigSdkVersion(Backend.SDK_VERSION)
                .create(client));
        refused(400, 60314, () -> NewFactor.creator(serviceSid, identity, "Authenticator", NewFactor.FactorTypes.TOTP)
                .setBindingSecret("not base32!")
                .create(client));

        assertThat(factors()).isEmpty();
    }

    @Test
    void otherMalformedFactorParametersAre60306() {
        refused(400, 60306,
                () -> NewFactor.creator(serviceSid, identity, "x".repeat(65), NewFactor.FactorTypes.TOTP).create(client));
        refused(400, 60306, () -> NewFactor.creator(serviceSid, identity, "Authenticator", NewFactor.FactorTypes.TOTP)
                .setMetadata("{not json").create(client));
        assertThat(factors()).isEmpty();

        Backend.TotpFactor factor = backend.newTotpFactor(serviceSid, identity);
        refused(400, 60306,
                () -> Factor.updater(serviceSid, identity, factor.sid()).setFriendlyName("x".repeat(65)).update(client));
        assertThat(Factor.fetcher(serviceSid, identity, factor.sid()).fetch(client).getFriendlyName())
                .isEqualTo("Conformance authenticator");
    }

    @Test
    void anExpirationDateBeyondSixtyMinutesIs60306() {
        Backend.TotpFactor factor = backend.newVerifiedTotpFactor(serviceSid, identity);
        ZonedDateTime tooLate = ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(61).truncatedTo(ChronoUnit.SECONDS);

        ApiException error = refused(400, 60306, () -> Challenge.creator(serviceSid, identity, factor.sid())
                .setExpirationDate(tooLate)
                .create(client));

        assertThat(error.getMessage()).contains("ExpirationDate");
        assertThat(challenges()).isEmpty();
    }

    @Test
    void aMalformedFactorSidOnAChallengeIs60362() {
        ApiException error = refused(400, 60362, () -> Challenge.creator(serviceSid, identity, "YF-not-a-factor-sid")
                .setDetailsMessage("Login")
                .create(client));

        assertThat(error.getMessage()).contains("FactorSid");
        assertThat(challenges()).isEmpty();
    }

    @Test
    void aPushChallengeWithoutDetailsMessageIs60368() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());

        refused(400, 60368, () -> Challenge.creator(serviceSid, identity, factor.factorSid()).create(client));
        refused(400, 60368, () -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("m".repeat(257)).create(client));
        refused(400, 60368, () -> Challenge.creator(serviceSid, identity, factor.factorSid())
                .setDetailsMessage("Login").setHiddenDetails("{\"ip\": 172.168").create(client));

        assertThat(challenges()).isEmpty();
    }

    @Test
    void aNotificationTtlOutOfRangeIs60306() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        String challenge = Challenge.creator(serviceSid, identity, factor.factorSid()).setDetailsMessage("Login")
                .create(client).getSid();

        ApiException error = refused(400, 60306,
                () -> Notification.creator(serviceSid, identity, challenge).setTtl(301).create(client));

        assertThat(error.getMessage()).contains("Ttl");
    }

    @Test
    void theFourthNotificationForAChallengeIs60309With429() {
        PushDevice.Enrolment factor = backend.newVerifiedPushFactor(serviceSid, identity, conformance.newPushDevice());
        String challenge = Challenge.creator(serviceSid, identity, factor.factorSid()).setDetailsMessage("Login")
                .create(client).getSid();
        for (int i = 0; i < 3; i++) {
            assertThat(Notification.creator(serviceSid, identity, challenge).create(client).getSid()).isNotBlank();
        }

        refused(429, 60309, () -> Notification.creator(serviceSid, identity, challenge).create(client));
    }

    @Test
    void aWebhookWithAnUnknownEventTypeIs60306() {
        ApiException error = refused(400, 60306, () -> Webhook.creator(serviceSid, "Hook", List.of("factor.exploded"),
                "http://127.0.0.1:9/hook").create(client));

        assertThat(error.getMessage()).contains("EventTypes");
        assertThat(Webhook.reader(serviceSid).read(client).iterator().hasNext()).isFalse();
    }

    @Test
    void theTwentyFirstPushFactorIs60315AndAKeyTwiceIs60317() {
        PushDevice first = conformance.newPushDevice();
        backend.newPushFactor(serviceSid, identity, first);
        refused(409, 60317, () -> backend.newPushFactor(serviceSid, identity, first));
        for (int i = 1; i < 20; i++) {
            backend.newPushFactor(serviceSid, identity, conformance.newPushDevice());
        }

        refused(400, 60315, () -> backend.newPushFactor(serviceSid, identity, conformance.newPushDevice()));

        assertThat(factors()).hasSize(20);
    }

    @Test
    void theHundredAndFirstFactorCreationInADayIs60326With429() {
        for (int i = 0; i < 100; i++) {
            String sid = NewFactor.creator(serviceSid, identity, "Authenticator " + i, NewFactor.FactorTypes.TOTP)
                    .create(client).getSid();
            assertThat(Factor.deleter(serviceSid, identity, sid).delete(client)).isTrue();
        }

        refused(429, 60326,
                () -> NewFactor.creator(serviceSid, identity, "One too many", NewFactor.FactorTypes.TOTP).create(client));
        assertThat(conformance.lastExchange().header("Retry-After")).isPresent();

        assertThat(factors()).isEmpty();
    }

    private List<String> entities() {
        List<String> identities = new ArrayList<>();
        Entity.reader(serviceSid).read(client).forEach(e -> identities.add(e.getIdentity()));
        return identities;
    }

    private List<String> factors() {
        List<String> sids = new ArrayList<>();
        Factor.reader(serviceSid, identity).read(client).forEach(f -> sids.add(f.getSid()));
        return sids;
    }

    private List<String> challenges() {
        List<String> sids = new ArrayList<>();
        Challenge.reader(serviceSid, identity).read(client).forEach(c -> sids.add(c.getSid()));
        return sids;
    }
}
