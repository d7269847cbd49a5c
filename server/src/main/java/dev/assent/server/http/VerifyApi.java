package dev.assent.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.accesstoken.AccessTokens;
import dev.assent.server.accesstoken.NewAccessTokenRequest;
import dev.assent.server.account.AccountService;
import dev.assent.server.api.Input;
import dev.assent.server.api.ResourceNotFound;
import dev.assent.server.api.WireValue;
import dev.assent.server.apikey.ApiKey;
import dev.assent.server.apikey.ApiKeys;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.PageRequest;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.ChallengeStatus;
import dev.assent.server.challenge.Challenges;
import dev.assent.server.challenge.DetailField;
import dev.assent.server.challenge.NewChallengeRequest;
import dev.assent.server.credential.Credential;
import dev.assent.server.credential.CredentialChanges;
import dev.assent.server.credential.CredentialType;
import dev.assent.server.credential.Credentials;
import dev.assent.server.entity.Entities;
import dev.assent.server.entity.Entity;
import dev.assent.server.entity.EntityStore;
import dev.assent.server.entity.Identity;
import dev.assent.server.factor.CreatedFactor;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.FactorUpdateRequest;
import dev.assent.server.factor.Factors;
import dev.assent.server.factor.NewFactorRequest;
import dev.assent.server.notification.Notification;
import dev.assent.server.notification.Notifications;
import dev.assent.server.passkey.NewPasskeyFactor;
import dev.assent.server.passkey.PasskeyChallenge;
import dev.assent.server.passkey.PasskeyLogin;
import dev.assent.server.passkey.PasskeyResponse;
import dev.assent.server.passkey.Passkeys;
import dev.assent.server.service.ServiceChanges;
import dev.assent.server.service.VerifyService;
import dev.assent.server.service.VerifyServices;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.totp.TotpParameters;
import dev.assent.server.webhook.Delivery;
import dev.assent.server.webhook.EventType;
import dev.assent.server.webhook.Webhook;
import dev.assent.server.webhook.WebhookChanges;
import dev.assent.server.webhook.Webhooks;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Verify v2 HTTP API: one readable routing table, and thin handlers that parse parameters into
 * requests, call the feature services, and render Twilio's JSON.
 */
public final class VerifyApi {

    private static final Logger log = LoggerFactory.getLogger(VerifyApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Largest request body accepted; the biggest legal one (a challenge with 20 fields) is ~8 KiB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String SERVICE = "/v2/Services/{ServiceSid}";
    private static final String ENTITY = SERVICE + "/Entities/{Identity}";
    private static final String KEYS = "/2010-04-01/Accounts/{AccountSid}/Keys";

    private final AccountService accounts;
    private final VerifyServices services;
    private final Entities entities;
    private final Factors factors;
    private final Challenges challenges;
    private final AccessTokens accessTokens;
    private final Notifications notifications;
    private final Webhooks webhooks;
    private final Credentials credentials;
    private final ApiKeys apiKeys;
    private final Authenticator authenticator;
    private final Representations render;
    private final Clock clock;
    private final RequestDeadlines deadlines;
    private final Passkeys passkeys;

    public VerifyApi(AccountService accounts, VerifyServices services, Entities entities, Factors factors,
            Challenges challenges, AccessTokens accessTokens, Notifications notifications, Webhooks webhooks, Credentials credentials,
            ApiKeys apiKeys, Supplier<String> publicBase, Clock clock, RequestDeadlines deadlines, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.services = services;
        this.entities = entities;
        this.factors = factors;
        this.challenges = challenges;
        this.accessTokens = accessTokens;
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.credentials = credentials;
        this.apiKeys = apiKeys;
        this.authenticator = new Authenticator(accounts, factors, accessTokens, apiKeys);
        this.render = new Representations(publicBase);
        this.clock = clock;
        this.deadlines = deadlines;
    }

    /** Registers every route. */
    public void routing(HttpRules routing) {
        routing
                // Twilio's accounts v1 auth-token rotation (https://www.twilio.com/docs/iam/api/authtoken).
                .post("/v1/AuthTokens/Secondary", account(this::createSecondaryAuthToken))
                .delete("/v1/AuthTokens/Secondary", account(this::deleteSecondaryAuthToken))
                .post("/v1/AuthTokens/Promote", account(this::promoteAuthToken))

                .post("/v1/Credentials", account(this::createCredential))
                .get("/v1/Credentials", account(this::listCredentials))
                .get("/v1/Credentials/{Sid}", account(this::fetchCredential))
                .post("/v1/Credentials/{Sid}", account(this::updateCredential))
                .delete("/v1/Credentials/{Sid}", account(this::deleteCredential))

                .post("/v2/Services", account(this::createService))
                .get("/v2/Services", account(this::listServices))
                .get(SERVICE, account(this::fetchService))
                .post(SERVICE, account(this::updateService))
                .delete(SERVICE, account(this::deleteService))

                .post(SERVICE + "/Entities", account(this::createEntity))
                .get(SERVICE + "/Entities", account(this::listEntities))
                .get(ENTITY, account(this::fetchEntity))
                .delete(ENTITY, account(this::deleteEntity))

                .post(ENTITY + "/Factors", enrollment(this::createFactor))
                .get(ENTITY + "/Factors", account(this::listFactors))
                .get(ENTITY + "/Factors/{Sid}", account(this::fetchFactor))
                .post(ENTITY + "/Factors/{Sid}", device(this::updateFactor))
                .delete(ENTITY + "/Factors/{Sid}", device(this::deleteFactor))

                .post(ENTITY + "/Challenges", account(this::createChallenge))
                .get(ENTITY + "/Challenges", device(this::listChallenges))
                .get(ENTITY + "/Challenges/{Sid}", device(this::fetchChallenge))
                .post(ENTITY + "/Challenges/{Sid}", device(this::updateChallenge))

                .post(ENTITY + "/Challenges/{Sid}/Notifications", account(this::createNotification))
                // Assent extension (not Twilio): what was sent, for the account and the challenge's device.
                .get(ENTITY + "/Challenges/{Sid}/Notifications", device(this::listNotifications))

                // Twilio's passkeys operations: JSON bodies (PasskeyCommands), account credentials.
                .post(SERVICE + "/Passkeys/Factors", account(this::createPasskeyFactor))
                .post(SERVICE + "/Passkeys/VerifyFactor", account(this::verifyPasskeyFactor))
                .post(SERVICE + "/Passkeys/Challenges", account(this::createPasskeyChallenge))
                .post(SERVICE + "/Passkeys/ApproveChallenge", account(this::approvePasskeyChallenge))

                .post(SERVICE + "/AccessTokens", account(this::createAccessToken))
                .get(SERVICE + "/AccessTokens/{Sid}", account(this::fetchAccessToken))

                .post(SERVICE + "/Webhooks", account(this::createWebhook))
                .get(SERVICE + "/Webhooks", account(this::listWebhooks))
                .get(SERVICE + "/Webhooks/{Sid}", account(this::fetchWebhook))
                .post(SERVICE + "/Webhooks/{Sid}", account(this::updateWebhook))
                .delete(SERVICE + "/Webhooks/{Sid}", account(this::deleteWebhook))
                // Assent extension (not Twilio): the outbox of one webhook, with each delivery's last error.
                .get(SERVICE + "/Webhooks/{Sid}/Deliveries", account(this::listDeliveries))

                // Twilio's 2010 Keys resource (not part of Verify): the account's API keys.
                .post(KEYS + ".json", keys(this::createKey))
                .get(KEYS + ".json", keys(this::listKeys))
                .get(KEYS + "/{Sid}.json", keys(this::fetchKey))
                .post(KEYS + "/{Sid}.json", keys(this::updateKey))
                .delete(KEYS + "/{Sid}.json", keys(this::deleteKey))

                .any(account(call -> {
                    throw NotFound.at(call.request.path().path());
                }));
    }

    // ---- Auth-token rotation (Twilio's accounts /v1/AuthTokens)

    private Reply createSecondaryAuthToken(Call call) {
        return Reply.created(render.secondaryAuthToken(accounts.createSecondaryToken(call.account()), call.now));
    }

    private Reply deleteSecondaryAuthToken(Call call) {
        accounts.deleteSecondaryToken(call.account());
        return Reply.noContent();
    }

    private Reply promoteAuthToken(Call call) {
        return Reply.ok(render.authTokenPromotion(accounts.promoteSecondaryToken(call.account()), call.now));
    }

    // ---- Push credentials (Twilio's /v1/Credentials)

    private Reply createCredential(Call call) {
        return Reply.created(render.credential(credentials.create(call.account(), credentialChanges(call.params()), call.now)));
    }

    private Reply listCredentials(Call call) {
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = credentials.list(call.account(), query.request());
        return Reply.ok(Paging.envelope(render.base(), "/v1/Credentials", Map.of(), "credentials", query, page, render::credential,
                Credential::dateCreated, c -> c.sid().value()));
    }

    private Reply fetchCredential(Call call) {
        return Reply.ok(render.credential(credentials.fetch(call.account(), call.sid(SidType.CREDENTIAL))));
    }

    private Reply updateCredential(Call call) {
        Credential updated = credentials.update(call.account(), call.sid(SidType.CREDENTIAL), credentialChanges(call.params()), call.now);
        return Reply.ok(render.credential(updated));
    }

    private Reply deleteCredential(Call call) {
        credentials.delete(call.account(), call.sid(SidType.CREDENTIAL));
        return Reply.noContent();
    }

    private static CredentialChanges credentialChanges(Params p) {
        // PEM certificates and keys, and FCM's service-account JSON, are multi-line.
        return new CredentialChanges(
                // Any letter case, as Assent has always accepted: CredentialType.fromWire, not optionalEnum.
                named("Type", n -> p.optional(n, CredentialType::fromWire, "must be " + WireValue.describe(CredentialType.values()))),
                named("FriendlyName", p::optional), named("Certificate", p::optionalMultiline), named("PrivateKey", p::optionalMultiline),
                named("ApnKeyId", p::optional), named("ApnTeamId", p::optional), p.optionalBoolean("Sandbox"),
                named("Secret", p::optionalMultiline));
    }

    // ---- API keys (Twilio's 2010 /Accounts/{AccountSid}/Keys)

    private Reply createKey(Call call) {
        return Reply.created(render.newApiKey(apiKeys.create(call.account(), named("FriendlyName", call.params()::optional), call.now)));
    }

    private Reply listKeys(Call call) {
        Sid account = call.account();
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = apiKeys.list(account, query.request());
        return Reply.ok(Paging.envelope2010("/2010-04-01/Accounts/" + account + "/Keys.json", "keys", query, page, render::apiKey,
                ApiKey::dateCreated, k -> k.sid().value()));
    }

    private Reply fetchKey(Call call) {
        return Reply.ok(render.apiKey(apiKeys.fetch(call.account(), call.sid(SidType.API_KEY))));
    }

    private Reply updateKey(Call call) {
        Sid account = call.account();
        return Reply.ok(render.apiKey(apiKeys.update(account, call.sid(SidType.API_KEY), named("FriendlyName", call.params()::optional),
                call.now)));
    }

    private Reply deleteKey(Call call) {
        apiKeys.delete(call.account(), call.sid(SidType.API_KEY));
        return Reply.noContent();
    }

    // ---- Services

    private Reply createService(Call call) {
        VerifyService service = services.create(call.account(), serviceChanges(call.params()), call.now);
        return Reply.created(render.service(service));
    }

    private Reply listServices(Call call) {
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = services.list(call.principal.accountSid(), query.request());
        return Reply.ok(Paging.envelope(render.base(), "/v2/Services", Map.of(), "services", query, page, render::service,
                VerifyService::dateCreated, s -> s.sid().value()));
    }

    private Reply fetchService(Call call) {
        return Reply.ok(render.service(call.service()));
    }

    private Reply updateService(Call call) {
        VerifyService service = call.service();
        return Reply.ok(render.service(services.update(call.account(), service.sid(), serviceChanges(call.params()), call.now)));
    }

    private Reply deleteService(Call call) {
        services.delete(call.account(), call.service().sid());
        return Reply.noContent();
    }

    private static ServiceChanges serviceChanges(Params p) {
        return new ServiceChanges(named("FriendlyName", n -> p.optionalFriendlyName(n, VerifyServices.MAX_FRIENDLY_NAME)),
                p.optionalBoolean("Push.IncludeDate"),
                named("Push.ApnCredentialSid", n -> p.optionalSid(n, SidType.CREDENTIAL)),
                named("Push.FcmCredentialSid", n -> p.optionalSid(n, SidType.CREDENTIAL)),
                p.optionalBoolean("Push.ReplaceOldestPendingChallenge"), p.optionalFriendlyName("Totp.Issuer", VerifyServices.MAX_ISSUER),
                p.optionalInt("Totp.TimeStep", TotpParameters.MIN_TIME_STEP_SECONDS, TotpParameters.MAX_TIME_STEP_SECONDS),
                p.optionalInt("Totp.CodeLength", TotpParameters.MIN_CODE_LENGTH, TotpParameters.MAX_CODE_LENGTH),
                p.optionalInt("Totp.Skew", TotpParameters.MIN_SKEW, TotpParameters.MAX_SKEW), PasskeyCommands.serviceSettings(p));
    }

    // ---- Entities

    private Reply createEntity(Call call) {
        Entity entity = entities.create(call.service(), Identity.require("Identity", call.params().optional("Identity").orElse(null)),
                call.now);
        return Reply.created(render.entity(entity));
    }

    private Reply listEntities(Call call) {
        VerifyService service = call.service();
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = entities.list(service, query.request());
        return Reply.ok(Paging.envelope(render.base(), "/v2/Services/" + service.sid() + "/Entities", Map.of(), "entities", query,
                page, render::entity, Entity::dateCreated, e -> e.sid().value()));
    }

    private Reply fetchEntity(Call call) {
        return Reply.ok(render.entity(call.entity()));
    }

    private Reply deleteEntity(Call call) {
        entities.delete(call.service(), call.identity());
        return Reply.noContent();
    }

    // ---- Factors

    private Reply createFactor(Call call) {
        if (call.principal instanceof Principal.EnrollmentPrincipal enrollment) {
            NewFactorRequest request = FactorCommands.newFactor(call.params(), Optional.of(enrollment.token()));
            return Reply.created(render.newFactor(accessTokens.enroll(enrollment.token(), call.service(), request, call.now)));
        }
        NewFactorRequest request = FactorCommands.newFactor(call.params(), Optional.empty());
        String identity = Identity.require("Identity", call.identity());
        CreatedFactor created = factors.create(call.service(), identity, request, call.now);
        return Reply.created(render.newFactor(created));
    }

    private Reply listFactors(Call call) {
        Entity entity = call.entity();
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = factors.list(entity, query.request());
        return Reply.ok(Paging.envelope(render.base(), render.entityUrl(entity).substring(render.base().length()) + "/Factors",
                Map.of(), "factors", query, page, render::factor, Factor::dateCreated, f -> f.sid().value()));
    }

    private Reply fetchFactor(Call call) {
        Entity entity = call.entity();
        return Reply.ok(render.factor(factors.fetch(entity, call.sid(SidType.FACTOR))));
    }

    private Reply updateFactor(Call call) {
        Entity entity = call.entity();
        Sid factorSid = call.sid(SidType.FACTOR);
        AccessPolicy.requireOwnFactor(call.principal, factorSid);
        FactorUpdateRequest request = FactorCommands.factorUpdate(call.params());
        return Reply.ok(render.factor(factors.update(entity, factorSid, request, call.now)));
    }

    private Reply deleteFactor(Call call) {
        Entity entity = call.entity();
        Sid factorSid = call.sid(SidType.FACTOR);
        AccessPolicy.requireOwnFactor(call.principal, factorSid);
        factors.delete(entity, factorSid, call.now);
        return Reply.noContent();
    }

    // ---- Challenges

    private Reply createChallenge(Call call) {
        Entity entity = call.entity();
        Params p = call.params();
        // Read in the order they always were, so a request with several bad parameters hears of the same one first.
        Input<Instant> expirationDate = named("ExpirationDate", n -> p.optional(n).map(v -> Dates.parse(n, v)));
        Input<String> message = named("Details.Message", p::optional);
        List<DetailField> fields = JsonParams.detailFields(p, "Details.Fields");
        Optional<Map<String, String>> hiddenDetails = JsonParams.stringMap(p, "HiddenDetails");
        Input<String> authPayload = named("AuthPayload", p::optional);
        NewChallengeRequest request = new NewChallengeRequest(named("FactorSid", n -> p.optionalSid(n, SidType.FACTOR)), expirationDate,
                message, Input.of("Details.Fields", fields.isEmpty() ? Optional.empty() : Optional.of(fields)), hiddenDetails, authPayload);
        return Reply.created(render.challenge(challenges.create(call.service(), entity, request, call.now)));
    }

    private Reply listChallenges(Call call) {
        Entity entity = call.entity();
        Params p = call.params();
        Optional<Sid> factorSid = AccessPolicy.challengeFilter(call.principal, p.optionalSid("FactorSid", SidType.FACTOR));
        Optional<ChallengeStatus> status = p.optionalEnum("Status", ChallengeStatus.values());
        Paging.ListQuery query = Paging.parse(p, true);
        var page = challenges.list(entity, factorSid, status, query.request(), call.now);
        Map<String, String> filters = new LinkedHashMap<>();
        p.optional("FactorSid").ifPresent(v -> filters.put("FactorSid", v));
        status.ifPresent(s -> filters.put("Status", s.wireName()));
        if (query.request().order() == PageRequest.SortOrder.DESC) {
            filters.put("Order", "desc");
        }
        return Reply.ok(Paging.envelope(render.base(), render.entityUrl(entity).substring(render.base().length()) + "/Challenges",
                filters, "challenges", query, page, render::challenge, Challenge::dateCreated, c -> c.sid().value()));
    }

    private Reply fetchChallenge(Call call) {
        Entity entity = call.entity();
        Challenge challenge = call.ownChallenge(entity);
        Reply reply = Reply.ok(render.challenge(challenge));
        if (challenge.status() == ChallengeStatus.PENDING && challenge.factorType() == FactorType.PUSH) {
            reply.headers.put("Twilio-Verify-Signature-Fields", String.join(",", Representations.SIGNATURE_FIELDS));
        }
        return reply;
    }

    private Reply updateChallenge(Call call) {
        Entity entity = call.entity();
        // Read once: the challenge fetched here is the one answered, signed fields rendered from it, and a
        // device's factor is the one its JWT was verified against (every write below is still conditional).
        Challenge challenge = call.ownChallenge(entity);
        Params p = call.params();
        Map<String, JsonNode> signedFields = challenge.factorType() == FactorType.PUSH ? render.signedFields(challenge) : Map.of();
        Challenge answered = challenges.respond(entity, challenge, AccessPolicy.knownFactor(call.principal, challenge.factorSid()),
                named("AuthPayload", p::optional), JsonParams.stringMap(p, "Metadata"), signedFields, call.now);
        return Reply.ok(render.challenge(answered));
    }

    // ---- Challenge notifications

    private Reply createNotification(Call call) {
        OptionalInt ttl = call.params().optionalInt("Ttl", 0, (int) Notifications.MAX_TTL.toSeconds());
        Notification notification = notifications.create(call.entity(), Input.of("ChallengeSid", Optional.of(call.sid(SidType.CHALLENGE))),
                ttl.isPresent() ? Optional.of(Duration.ofSeconds(ttl.getAsInt())) : Optional.empty(), call.now);
        return Reply.created(render.notification(notification));
    }

    private Reply listNotifications(Call call) {
        Entity entity = call.entity();
        Challenge challenge = call.ownChallenge(entity);
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = notifications.list(challenge, query.request());
        String path = render.entityUrl(entity).substring(render.base().length()) + "/Challenges/" + challenge.sid() + "/Notifications";
        return Reply.ok(Paging.envelope(render.base(), path, Map.of(), "notifications", query, page, render::notification,
                Notification::dateCreated, n -> n.sid().value()));
    }

    // ---- Passkeys (JSON bodies)

    private Reply createPasskeyFactor(Call call) {
        NewPasskeyFactor request = PasskeyCommands.newFactor(PasskeyCommands.body(call.body));
        return Reply.created(render.newPasskeyFactor(passkeys.register(call.service(), request, call.now)));
    }

    private Reply verifyPasskeyFactor(Call call) {
        PasskeyResponse response = PasskeyCommands.credential(PasskeyCommands.body(call.body));
        return Reply.ok(render.factor(passkeys.verifyFactor(call.service(), response, call.now)));
    }

    private Reply createPasskeyChallenge(Call call) {
        JsonNode body = PasskeyCommands.body(call.body);
        PasskeyLogin login = passkeys.createChallenge(call.service(), PasskeyCommands.challengeIdentity(body),
                PasskeyCommands.challengeFactor(body), call.now);
        return Reply.created(render.passkeyChallenge(login.challenge(), Optional.of(login), "Challenges"));
    }

    private Reply approvePasskeyChallenge(Call call) {
        PasskeyResponse response = PasskeyCommands.credential(PasskeyCommands.body(call.body));
        PasskeyChallenge approved = passkeys.approve(call.service(), response, call.now);
        return Reply.ok(render.passkeyChallenge(approved.at(call.now), Optional.empty(), "ApproveChallenge"));
    }

    // ---- Access tokens

    private Reply createAccessToken(Call call) {
        NewAccessTokenRequest request = FactorCommands.newAccessToken(call.params());
        return Reply.created(render.accessToken(accessTokens.create(call.service(), request, call.now)));
    }

    private Reply fetchAccessToken(Call call) {
        AccessToken token = accessTokens.fetch(call.service(), call.sid(SidType.ACCESS_TOKEN));
        return Reply.ok(render.accessToken(token));
    }

    // ---- Webhooks

    private Reply createWebhook(Call call) {
        return Reply.created(render.webhook(webhooks.create(call.service(), webhookChanges(call.params()), call.now)));
    }

    private Reply listWebhooks(Call call) {
        VerifyService service = call.service();
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = webhooks.list(service, query.request());
        return Reply.ok(Paging.envelope(render.base(), "/v2/Services/" + service.sid() + "/Webhooks", Map.of(), "webhooks", query,
                page, render::webhook, Webhook::dateCreated, w -> w.sid().value()));
    }

    private Reply fetchWebhook(Call call) {
        return Reply.ok(render.webhook(webhooks.fetch(call.service(), call.sid(SidType.WEBHOOK))));
    }

    private Reply updateWebhook(Call call) {
        return Reply.ok(render.webhook(webhooks.update(call.service(), call.sid(SidType.WEBHOOK), webhookChanges(call.params()),
                call.now)));
    }

    private Reply deleteWebhook(Call call) {
        webhooks.delete(call.service(), call.sid(SidType.WEBHOOK));
        return Reply.noContent();
    }

    private Reply listDeliveries(Call call) {
        Webhook webhook = webhooks.fetch(call.service(), call.sid(SidType.WEBHOOK));
        Paging.ListQuery query = Paging.parse(call.params(), false);
        var page = webhooks.deliveries(webhook, query.request());
        return Reply.ok(Paging.envelope(render.base(), render.webhookUrl(webhook).substring(render.base().length()) + "/Deliveries",
                Map.of(), "deliveries", query, page, render::delivery, Delivery::dateCreated, d -> d.id().value()));
    }

    private static WebhookChanges webhookChanges(Params p) {
        List<EventType> types = p.all("EventTypes", EventType::fromWire,
                "must be one of " + Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", ")));
        return new WebhookChanges(named("FriendlyName", n -> p.optionalFriendlyName(n, Webhooks.MAX_FRIENDLY_NAME)),
                Input.of("EventTypes", types.isEmpty() ? Optional.empty() : Optional.of(types)),
                named("WebhookUrl", n -> p.optional(n).map(VerifyApi::webhookUrl)),
                p.optionalEnum("Status", Webhook.Status.values()), p.optionalEnum("Version", Webhook.Version.values()));
    }

    /** An absolute URL of at most {@link Webhooks#MAX_URL} characters; whether it may be called is the outbound policy's to say. */
    private static URI webhookUrl(String value) {
        if (value.length() > Webhooks.MAX_URL) {
            throw ApiException.invalidParameter("WebhookUrl", value, "must be at most " + Webhooks.MAX_URL + " characters");
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.invalidParameter("WebhookUrl", value, "must be an absolute http or https URL");
        }
    }

    /** A parameter read by {@code read} and handed on with its name, for the feature's rules to refuse it by. */
    private static <T> Input<T> named(String name, Function<String, Optional<T>> read) {
        return Input.of(name, read.apply(name));
    }

    // ---- Plumbing

    /**
     * One request in flight: its parameters (from the body read in full before anything was decided,
     * or the query), its principal, and the instant it is decided at.
     */
    private final class Call {
        final ServerRequest request;
        final Instant now;
        final Principal principal;
        private final String body;
        private Params params;
        private VerifyService service;
        private Entity entity;

        Call(ServerRequest request, String body, Instant now, Principal principal) {
            this.request = request;
            this.body = body;
            this.now = now;
            this.principal = principal;
        }

        Sid account() {
            return principal.accountSid();
        }

        Params params() {
            if (params == null) {
                params = body == null ? FormParser.parse(request.query().rawValue()) : FormParser.parse(body);
            }
            return params;
        }

        VerifyService service() {
            if (service == null) {
                Sid sid = servicePathSid();
                // A device's service came with its factor (AccessPolicy admitted the path as its own).
                service = principal instanceof Principal.DevicePrincipal device && device.service().sid().equals(sid)
                        ? device.service() : services.fetch(principal.accountSid(), sid);
            }
            return service;
        }

        private Sid servicePathSid() {
            String value = request.path().pathParameters().get("ServiceSid");
            if (!Sid.matches(SidType.SERVICE, value)) {
                throw new ResourceNotFound(SidType.SERVICE, value);
            }
            return new Sid(SidType.SERVICE, value);
        }

        String identity() {
            return Params.pathSegment("Identity", request.path().pathParameters().get("Identity"));
        }

        /**
         * The path's entity: a device's own as its factor brought it; for the backend read with its service
         * in one statement when the service is not read yet. Errors come in the order they always did: a
         * malformed or unknown service, then a malformed identity, then an unknown entity.
         */
        Entity entity() {
            if (entity != null) {
                return entity;
            }
            if (principal instanceof Principal.DevicePrincipal device) {
                VerifyService own = service();
                String identity = identity();
                entity = own == device.service() && device.entity().identity().equals(identity)
                        ? device.entity() : entities.fetch(own, identity);
                return entity;
            }
            if (service != null) {
                entity = entities.fetch(service, identity());
                return entity;
            }
            Sid sid = servicePathSid();
            String identity;
            try {
                identity = identity();
            } catch (ApiException malformed) {
                service(); // an unknown service is still the first error
                throw malformed;
            }
            EntityStore.InService found = entities.findWithService(principal.accountSid(), sid, identity)
                    .orElseThrow(() -> VerifyServices.notFound(sid));
            service = found.service();
            entity = found.entity().orElseThrow(() -> Entities.notFound(service, identity));
            return entity;
        }

        Sid sid(SidType type) {
            String value = request.path().pathParameters().get("Sid");
            if (!Sid.matches(type, value)) {
                throw NotFound.at(request.path().path());
            }
            return new Sid(type, value);
        }

        /** The path's challenge as of now: for a device, only one of its own factor (404 otherwise). */
        Challenge ownChallenge(Entity entity) {
            Challenge challenge = challenges.fetch(entity, sid(SidType.CHALLENGE), now);
            AccessPolicy.requireOwnChallenge(principal, challenge, request.path().path());
            return challenge;
        }
    }

    /** A handler's answer: status, JSON body (none for 204) and extra headers. */
    private static final class Reply {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Reply(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        static Reply ok(JsonNode body) {
            return new Reply(200, body);
        }

        static Reply created(JsonNode body) {
            return new Reply(201, body);
        }

        static Reply noContent() {
            return new Reply(204, null);
        }
    }

    @FunctionalInterface
    private interface Action {
        Reply apply(Call call);
    }

    /** A route for account credentials only (the auth token or an API key). */
    private Handler account(Action action) {
        return handle(action, AccessPolicy.Kind.ACCOUNT);
    }

    /** A route a push device may also call, for its own factor (docs/push-protocol.md §3–6). */
    private Handler device(Action action) {
        return handle(action, AccessPolicy.Kind.DEVICE);
    }

    /** Factor creation: accounts, and a device enrolling with an access token (docs/push-protocol.md §2). */
    private Handler enrollment(Action action) {
        return handle(action, AccessPolicy.Kind.ENROLLMENT);
    }

    /** Twilio's Keys resource: the account's auth token only, on its own account's path. */
    private Handler keys(Action action) {
        return handle(action, AccessPolicy.Kind.KEYS);
    }

    /** Every route: the body read, the principal authenticated and admitted by {@link AccessPolicy}, then the action. */
    private Handler handle(Action action, AccessPolicy.Kind kind) {
        return (req, res) -> {
            Instant now = null;
            Reply reply;
            try {
                String body;
                try {
                    body = takesBody(req) ? readBody(req, deadlines) : null;
                } finally {
                    // From here on nothing waits for the client: no deadline may interrupt the work.
                    deadlines.arrived();
                }
                // Decided now, once the whole request is here: a body held back past a challenge's or a
                // code's expiry must not be judged by the time its headers arrived.
                now = clock.instant();
                Principal principal = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION), now);
                Parameters path = req.path().pathParameters();
                AccessPolicy.admit(kind, principal, new AccessPolicy.Scope(req.path().path(), path.contains("ServiceSid")
                        ? path.get("ServiceSid") : null, path.contains("AccountSid") ? path.get("AccountSid") : null,
                        () -> Params.pathSegment("Identity", path.contains("Identity") ? path.get("Identity") : null)));
                reply = action.apply(new Call(req, body, now, principal));
            } catch (ClientGone e) {
                log.debug("client went away during {} {}: {}", req.prologue().method().text(), req.path().path(), e.getMessage());
                reply = new Reply(400, ErrorBodies.of(ApiError.INVALID_PARAMETER, "Incomplete request"));
                reply.headers.put("Connection", "close");
            } catch (UnreadableBody e) {
                reply = new Reply(e.error.httpStatus(), ErrorBodies.of(e.error, e.getMessage()));
                // The rest of the stream is unread or unreadable: this connection carries no further request.
                reply.headers.put("Connection", "close");
            } catch (ApiException e) {
                // No WWW-Authenticate on a 401: a browser would answer it with its own login dialog, and
                // then send those credentials along with cross-site requests.
                String message = e instanceof ResourceNotFound missing
                        ? NotFound.message(missing, req.path().pathParameters(), req.path().path()) : e.getMessage();
                // Twilio's code for a bad parameter depends on the resource: chosen from the route matched.
                ApiError error = ErrorCodes.of(RouteTable.template(req), e);
                Reply refusal = new Reply(error.httpStatus(), ErrorBodies.of(error, message));
                // RFC 9110 §10.2.3: delay-seconds, a whole number; rounded up so a retry at that time succeeds.
                e.retryAfter().ifPresent(wait -> refusal.headers.put("Retry-After",
                        Long.toString(Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0)))));
                reply = refusal;
            } catch (RuntimeException e) {
                log.error("unexpected failure serving {} {}", req.prologue().method().text(), req.path().path(), e);
                reply = new Reply(500, ErrorBodies.of(ApiError.INTERNAL, null));
            }
            // The clock device JWTs are checked against: a device corrects its offset from it on 401
            // (docs/push-protocol.md §1).
            reply.headers.put("Date", Dates.httpDate(now == null ? clock.instant() : now));
            try {
                send(res, reply);
            } catch (UncheckedIOException e) {
                log.debug("client went away before the answer to {} {}: {}", req.prologue().method().text(), req.path().path(),
                        e.getMessage());
            }
        };
    }

    private static void send(ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status));
        reply.headers.forEach((name, value) -> res.header(name, value));
        if (reply.body == null) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        try {
            res.send(JSON.writeValueAsBytes(reply.body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Form parameters come in the body of every method but GET and DELETE, whose parameters are the query. */
    private static boolean takesBody(ServerRequest request) {
        String method = request.prologue().method().text();
        return !method.equals("GET") && !method.equals("DELETE");
    }

    /**
     * Reads the whole body, at most {@link #MAX_BODY_BYTES}, by the request's deadline: checked after
     * every read, and a read still blocked at the deadline is interrupted by {@link RequestDeadlines},
     * which closes the connection.
     */
    private static String readBody(ServerRequest request, RequestDeadlines deadlines) {
        long deadline = deadlines.deadline();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = request.content().inputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > MAX_BODY_BYTES) {
                    throw new UnreadableBody(ApiError.PAYLOAD_TOO_LARGE, "Request body larger than " + MAX_BODY_BYTES + " bytes");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new UnreadableBody(ApiError.REQUEST_TIMEOUT, "Request body not received in time");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The client closed the connection, or the deadline interrupted the read and closed it.
            throw new ClientGone(deadlines.arrived() ? e.toString() : "request not received in time");
        } catch (UnreadableBody e) {
            throw e;
        } catch (RuntimeException e) {
            if (!deadlines.arrived()) {
                throw new ClientGone("request not received in time");
            }
            // Helidon's framing errors (a bad chunk size, a body shorter than its Content-Length, …).
            log.debug("unreadable request body: {}", e.toString());
            throw new UnreadableBody(ApiError.INVALID_PARAMETER, "Malformed request body");
        }
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    /** A body that cannot be read to its end: answered, then the connection is closed. */
    private static final class UnreadableBody extends RuntimeException {
        final ApiError error;

        UnreadableBody(ApiError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    /** The client closed its connection mid-request: nobody to answer. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(String message) {
            super(message, null, false, false);
        }
    }
}
