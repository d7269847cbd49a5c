package dev.assent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    private static final String SERVICES = "/v2/Services";
    private static final String SERVICE = "/v2/Services/{ServiceSid}";
    private static final String ENTITIES = SERVICE + "/Entities";
    private static final String ENTITY = ENTITIES + "/{Identity}";
    private static final String FACTORS = ENTITY + "/Factors";
    private static final String FACTOR = FACTORS + "/{Sid}";
    private static final String CHALLENGES = ENTITY + "/Challenges";
    private static final String CHALLENGE = CHALLENGES + "/{Sid}";
    private static final String NOTIFICATIONS = CHALLENGE + "/Notifications";
    private static final String ACCESS_TOKENS = SERVICE + "/AccessTokens";
    private static final String WEBHOOKS = SERVICE + "/Webhooks";

    private static ApiError invalid(String route, String parameter) {
        return ErrorCodes.of(Optional.of(route), ApiException.invalidParameter(parameter, "x", "rule"));
    }

    private static ApiError missing(String route, String parameter) {
        return ErrorCodes.of(Optional.of(route), ApiException.missingParameter(parameter));
    }

    @Test
    void theResourceIsTheLastLiteralSegmentOfTheTemplate() {
        assertThat(ErrorCodes.resource(SERVICES)).isEqualTo("Services");
        assertThat(ErrorCodes.resource(SERVICE)).isEqualTo("Services");
        assertThat(ErrorCodes.resource(ENTITY)).isEqualTo("Entities");
        assertThat(ErrorCodes.resource(FACTOR)).isEqualTo("Factors");
        assertThat(ErrorCodes.resource(NOTIFICATIONS)).isEqualTo("Notifications");
        assertThat(ErrorCodes.resource("/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json")).isEqualTo("Keys");
        assertThat(ErrorCodes.resource("/")).isEmpty();
    }

    @Test
    void anIdentityIs60367OnEveryResourceUnderAnEntityAndOnAccessTokens() {
        String[] routes = {ENTITIES, ENTITY, FACTORS, FACTOR, CHALLENGES, CHALLENGE, NOTIFICATIONS, ACCESS_TOKENS};
        for (String route : routes) {
            assertThat(invalid(route, "Identity")).as(route).isEqualTo(ApiError.INVALID_ENTITY_IDENTITY);
            assertThat(missing(route, "Identity")).as(route).isEqualTo(ApiError.INVALID_ENTITY_IDENTITY);
        }
        assertThat(ApiError.INVALID_ENTITY_IDENTITY.code()).isEqualTo(60367);
    }

    @Test
    void factorParametersWithAPageOfTheirOwnGetItsCode() {
        assertThat(invalid(FACTORS, "FactorType")).isEqualTo(ApiError.INVALID_FACTOR_TYPE);
        assertThat(missing(FACTORS, "FactorType")).isEqualTo(ApiError.INVALID_FACTOR_TYPE);
        assertThat(missing(FACTORS, "Binding.PublicKey")).isEqualTo(ApiError.INVALID_PUBLIC_KEY);
        for (String config : new String[] {"Config.AppId", "Config.NotificationPlatform", "Config.NotificationToken",
                "Config.SdkVersion", "Config.TimeStep", "Config.Skew", "Config.CodeLength", "Config.Alg"}) {
            assertThat(invalid(FACTORS, config)).as(config).isEqualTo(ApiError.INVALID_FACTOR_CONFIG);
            assertThat(invalid(FACTOR, config)).as(config).isEqualTo(ApiError.INVALID_FACTOR_CONFIG);
        }
        assertThat(ApiError.INVALID_FACTOR_TYPE.code()).isEqualTo(60369);
        assertThat(ApiError.INVALID_FACTOR_CONFIG.code()).isEqualTo(60370);
        assertThat(ApiError.INVALID_PUBLIC_KEY.code()).isEqualTo(60385);
    }

    @Test
    void theParameterNameIsMatchedWithoutRegardToCaseAsTheFormParserDoes() {
        assertThat(invalid(FACTORS, "config.timestep")).isEqualTo(ApiError.INVALID_FACTOR_CONFIG);
        assertThat(invalid(CHALLENGES, "FACTORSID")).isEqualTo(ApiError.INVALID_FACTOR_SID);
    }

    @Test
    void aChallengesFactorSidIs60362AndEverythingElseOnTheChallengeIs60306() {
        assertThat(missing(CHALLENGES, "FactorSid")).isEqualTo(ApiError.INVALID_FACTOR_SID);
        assertThat(invalid(CHALLENGES, "FactorSid")).isEqualTo(ApiError.INVALID_FACTOR_SID);
        assertThat(invalid(CHALLENGES, "ExpirationDate")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(CHALLENGE, "AuthPayload")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(CHALLENGES, "Status")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(CHALLENGES, "PageSize")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(ApiError.INVALID_FACTOR_SID.code()).isEqualTo(60362);
        assertThat(ApiError.INVALID_REQUEST.code()).isEqualTo(60306);
        assertThat(ApiError.INVALID_REQUEST.httpStatus()).isEqualTo(400);
    }

    @Test
    void otherParametersOfThePushAndTotpResourcesAre60306() {
        assertThat(invalid(FACTORS, "FriendlyName")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(FACTOR, "AuthPayload")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(NOTIFICATIONS, "Ttl")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(NOTIFICATIONS, "ChallengeSid")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(ACCESS_TOKENS, "FactorFriendlyName")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(ACCESS_TOKENS, "FactorType")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(WEBHOOKS, "EventTypes")).isEqualTo(ApiError.INVALID_REQUEST);
        assertThat(invalid(WEBHOOKS + "/{Sid}", "WebhookUrl")).isEqualTo(ApiError.INVALID_REQUEST);
        // A bad request that names no parameter (a malformed form body): the resource's code.
        assertThat(ErrorCodes.of(Optional.of(FACTORS), new ApiException(ApiError.INVALID_PARAMETER, "Malformed")))
                .isEqualTo(ApiError.INVALID_REQUEST);
    }

    @Test
    void servicesAndResourcesOutsideVerifyKeep60200() {
        assertThat(invalid(SERVICES, "FriendlyName")).isEqualTo(ApiError.INVALID_PARAMETER);
        assertThat(invalid(SERVICE, "Totp.CodeLength")).isEqualTo(ApiError.INVALID_PARAMETER);
        assertThat(invalid(SERVICES, "PageSize")).isEqualTo(ApiError.INVALID_PARAMETER);
        assertThat(invalid("/v1/Credentials", "Type")).isEqualTo(ApiError.INVALID_PARAMETER);
        assertThat(invalid("/2010-04-01/Accounts/{AccountSid}/Keys.json", "FriendlyName")).isEqualTo(ApiError.INVALID_PARAMETER);
        assertThat(ApiError.INVALID_PARAMETER.code()).isEqualTo(60200);
    }

    @Test
    void errorsWithACodeOfTheirOwnAndUnmatchedRoutesPassThrough() {
        ApiException details = new ApiException(ApiError.INVALID_CHALLENGE_DETAILS, "Details.Message");
        assertThat(ErrorCodes.of(Optional.of(CHALLENGES), details)).isEqualTo(ApiError.INVALID_CHALLENGE_DETAILS);
        ApiException limit = new ApiException(ApiError.CHALLENGE_CREATION_LIMIT, null, Duration.ofSeconds(5));
        assertThat(ErrorCodes.of(Optional.of(CHALLENGES), limit)).isEqualTo(ApiError.CHALLENGE_CREATION_LIMIT);
        assertThat(ErrorCodes.of(Optional.of(ENTITIES), new ApiException(ApiError.ENTITY_ALREADY_EXISTS)))
                .isEqualTo(ApiError.ENTITY_ALREADY_EXISTS);
        assertThat(ErrorCodes.of(Optional.empty(), ApiException.invalidParameter("Identity", "x", "rule")))
                .isEqualTo(ApiError.INVALID_PARAMETER);
    }

    @Test
    void theExceptionCarriesTheParameterItNames() {
        assertThat(ApiException.invalidParameter("Config.Skew", "9", "rule").parameter()).contains("Config.Skew");
        assertThat(ApiException.missingParameter("FactorSid").parameter()).contains("FactorSid");
        assertThat(new ApiException(ApiError.INVALID_PARAMETER, "no name").parameter()).isEmpty();
    }
}
