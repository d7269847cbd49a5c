package dev.assent.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.account.Account;
import dev.assent.server.accesstoken.AccessToken;
import dev.assent.server.apikey.ApiKey;
import dev.assent.server.apikey.CreatedApiKey;
import dev.assent.server.challenge.Challenge;
import dev.assent.server.challenge.DetailField;
import dev.assent.server.credential.Credential;
import dev.assent.server.entity.Entity;
import dev.assent.server.factor.CreatedFactor;
import dev.assent.server.factor.Factor;
import dev.assent.server.factor.FactorType;
import dev.assent.server.factor.PasskeyBinding;
import dev.assent.server.factor.PushBinding;
import dev.assent.server.factor.TotpBinding;
import dev.assent.server.challenge.RespondedReason;
import dev.assent.server.notification.Notification;
import dev.assent.server.passkey.PasskeyChallenge;
import dev.assent.server.passkey.PasskeyLogin;
import dev.assent.server.passkey.PasskeyRegistration;
import dev.assent.server.passkey.PasskeyStore;
import dev.assent.server.passkey.WebAuthnCeremonies;
import dev.assent.server.service.PasskeySettings;
import dev.assent.server.service.VerifyService;
import dev.assent.server.sid.Sid;
import dev.assent.server.webhook.Delivery;
import dev.assent.server.webhook.Webhook;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Renders resources as Twilio renders them: snake_case wire names, every documented field present
 * (null when unset), absolute {@code url} and {@code links} built on the public base URL.
 * Rendering is deterministic, because a push device signs fields exactly as rendered here.
 */
final class Representations {

    /** The challenge fields a device signs when it answers (sent in {@code Twilio-Verify-Signature-Fields}). */
    static final List<String> SIGNATURE_FIELDS =
            List.of("sid", "factor_sid", "details", "hidden_details", "expiration_date", "date_created");

    private static final Map<String, String> SERVICE_LINKS = linkedMap(
            "verification_checks", "VerificationCheck", "verifications", "Verifications", "rate_limits", "RateLimits",
            "messaging_configurations", "MessagingConfigurations", "entities", "Entities", "webhooks", "Webhooks",
            "access_tokens", "AccessTokens");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Supplier<String> publicBase;

    Representations(Supplier<String> publicBase) {
        this.publicBase = publicBase;
    }

    String serviceUrl(VerifyService s) {
        return base() + "/v2/Services/" + s.sid();
    }

    String entityUrl(Entity e) {
        return base() + "/v2/Services/" + e.serviceSid() + "/Entities/" + e.identity();
    }

    String base() {
        return publicBase.get();
    }

    /**
     * Twilio's Secondary Auth Token resource (accounts v1): the new token itself, shown once, in the
     * answer to its creation.
     */
    ObjectNode secondaryAuthToken(Account account, Instant created) {
        ObjectNode node = NODES.objectNode();
        node.put("account_sid", account.sid().value());
        node.put("date_created", Dates.format(created));
        node.put("date_updated", Dates.format(created));
        node.put("secondary_auth_token", account.secondaryAuthToken().orElseThrow().reveal());
        node.put("url", base() + "/v1/AuthTokens/Secondary");
        return node;
    }

    /** Twilio's Auth Token Promotion resource (accounts v1): the account's new primary token. */
    ObjectNode authTokenPromotion(Account account, Instant promoted) {
        ObjectNode node = NODES.objectNode();
        node.put("account_sid", account.sid().value());
        node.put("auth_token", account.authToken().reveal());
        node.put("date_created", Dates.format(account.dateCreated()));
        node.put("date_updated", Dates.format(promoted));
        node.put("url", base() + "/v1/AuthTokens/Promote");
        return node;
    }

    ObjectNode service(VerifyService s) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", s.sid().value());
        node.put("account_sid", s.accountSid().value());
        node.put("friendly_name", s.friendlyName());
        // Out-of-scope (SMS/voice) settings, rendered with Twilio's defaults so SDK models fill in.
        node.put("code_length", 6);
        node.put("lookup_enabled", false);
        node.put("psd2_enabled", false);
        node.put("skip_sms_to_landlines", false);
        node.put("dtmf_input_required", false);
        node.putNull("tts_name");
        node.put("do_not_share_warning_enabled", false);
        node.put("custom_code_enabled", false);
        ObjectNode push = node.putObject("push");
        push.put("include_date", s.push().includeDate());
        push.put("apn_credential_sid", s.push().apnCredentialSid().map(Sid::value).orElse(null));
        push.put("fcm_credential_sid", s.push().fcmCredentialSid().map(Sid::value).orElse(null));
        // Assent extension; Twilio's spec leaves "push" an open object, so the extra key validates.
        push.put("replace_oldest_pending_challenge", s.push().replaceOldestPending());
        ObjectNode totp = node.putObject("totp");
        totp.put("issuer", s.totp().issuer().orElse(null));
        putInt(totp, "time_step", s.totp().timeStep());
        putInt(totp, "code_length", s.totp().codeLength());
        putInt(totp, "skew", s.totp().skew());
        node.putNull("default_template_sid");
        node.putNull("whatsapp");
        node.set("passkeys", s.passkeys().isEmpty() ? NODES.nullNode() : passkeysConfig(s.passkeys()));
        node.put("verify_event_subscription_enabled", false);
        dates(node, s.dateCreated(), s.dateUpdated());
        String url = serviceUrl(s);
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        SERVICE_LINKS.forEach((name, path) -> links.put(name, url + "/" + path));
        return node;
    }

    /**
     * An API key as Twilio's 2010 API renders it: four fields and RFC 2822 dates, no {@code url} and no
     * {@code account_sid}; never the secret.
     */
    ObjectNode apiKey(ApiKey k) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", k.sid().value());
        node.put("friendly_name", k.friendlyName().orElse(null));
        node.put("date_created", Dates.rfc2822(k.dateCreated()));
        node.put("date_updated", Dates.rfc2822(k.dateUpdated()));
        return node;
    }

    /** A key just created: the one answer that carries its secret. */
    ObjectNode newApiKey(CreatedApiKey created) {
        ObjectNode node = apiKey(created.key());
        node.put("secret", created.secret().reveal());
        return node;
    }

    /** A push credential as Twilio renders it: never any key material. */
    ObjectNode credential(Credential c) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", c.sid().value());
        node.put("account_sid", c.accountSid().value());
        node.put("friendly_name", c.friendlyName().orElse(null));
        node.put("type", c.type().wireName());
        // Twilio renders sandbox as a string.
        node.put("sandbox", Boolean.toString(c.sandbox()));
        dates(node, c.dateCreated(), c.dateUpdated());
        node.put("url", base() + "/v1/Credentials/" + c.sid());
        return node;
    }

    ObjectNode entity(Entity e) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", e.sid().value());
        node.put("identity", e.identity());
        node.put("account_sid", e.accountSid().value());
        node.put("service_sid", e.serviceSid().value());
        dates(node, e.dateCreated(), e.dateUpdated());
        String url = entityUrl(e);
        node.put("url", url);
        ObjectNode links = node.putObject("links");
        links.put("factors", url + "/Factors");
        links.put("new_factors", url + "/Factors");
        links.put("challenges", url + "/Challenges");
        return node;
    }

    ObjectNode newFactor(CreatedFactor created) {
        Factor f = created.factor();
        ObjectNode node = factorFields(f);
        ObjectNode binding = NODES.objectNode();
        switch (f.binding()) {
            case PushBinding push -> {
                binding.put("alg", PushBinding.ALGORITHM);
                binding.put("public_key", push.publicKey());
            }
            case TotpBinding totp -> {
                binding.put("secret", totp.secret().base32());
                binding.put("uri", created.totpUri().orElseThrow());
            }
            case PasskeyBinding passkey -> {
            }
        }
        node.set("binding", binding);
        node.putNull("options");
        return finishFactor(node, f);
    }

    ObjectNode factor(Factor f) {
        return finishFactor(factorFields(f), f);
    }

    private ObjectNode factorFields(Factor f) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", f.sid().value());
        node.put("account_sid", f.accountSid().value());
        node.put("service_sid", f.serviceSid().value());
        node.put("entity_sid", f.entitySid().value());
        node.put("identity", f.identity());
        return node;
    }

    private ObjectNode finishFactor(ObjectNode node, Factor f) {
        dates(node, f.dateCreated(), f.dateUpdated());
        node.put("friendly_name", f.friendlyName());
        node.put("status", f.status().wireName());
        node.put("factor_type", f.type().wireName());
        ObjectNode config = node.putObject("config");
        switch (f.binding()) {
            case PushBinding push -> {
                config.put("sdk_version", push.sdkVersion());
                config.put("app_id", push.appId());
                config.put("notification_platform", push.notificationPlatform().wireName());
                config.put("notification_token", push.notificationToken().orElse(null));
                config.put("credential_sid", push.credentialSid().value());
            }
            case TotpBinding totp -> {
                config.put("alg", totp.parameters().algorithm().wireName());
                config.put("skew", totp.parameters().skew());
                config.put("code_length", totp.parameters().codeLength());
                config.put("time_step", totp.parameters().timeStep().toSeconds());
            }
            case PasskeyBinding passkey -> config.setAll(passkeysConfig(passkey.config()));
        }
        node.set("metadata", stringMap(f.metadata()));
        node.put("url", base() + "/v2/Services/" + f.serviceSid() + "/Entities/" + f.identity() + "/Factors/" + f.sid());
        return node;
    }

    /**
     * Passkeys settings as Twilio renders a service's {@code passkeys} and a passkeys factor's
     * {@code config}: {@code relying_party {id, name, origins}} and the three authenticator criteria.
     */
    private static ObjectNode passkeysConfig(PasskeySettings s) {
        ObjectNode node = NODES.objectNode();
        ObjectNode rp = node.putObject("relying_party");
        rp.put("id", s.rpId().orElse(null));
        rp.put("name", s.rpName().orElse(null));
        var origins = rp.putArray("origins");
        s.origins().forEach(origins::add);
        node.put("authenticator_attachment", s.authenticatorAttachment().map(PasskeySettings.Attachment::wireName).orElse(null));
        node.put("discoverable_credentials", s.discoverableCredentials().map(PasskeySettings.Requirement::wireName).orElse(null));
        node.put("user_verification", s.userVerification().map(PasskeySettings.Requirement::wireName).orElse(null));
        return node;
    }

    /**
     * A passkeys factor just created (CreateNewFactorPasskey): {@code binding} null and {@code options}
     * = {@code {"publicKey": PublicKeyCredentialCreationOptions}} in WebAuthn's JSON (WebAuthn L3
     * §5.4, {@code PublicKeyCredentialCreationOptionsJSON}), which only this answer carries.
     */
    ObjectNode newPasskeyFactor(PasskeyRegistration r) {
        Factor f = r.factor();
        ObjectNode node = factorFields(f);
        node.putNull("binding");
        PasskeySettings config = r.binding().config();
        ObjectNode options = node.putObject("options");
        ObjectNode publicKey = options.putObject("publicKey");
        ObjectNode rp = publicKey.putObject("rp");
        rp.put("id", config.rpId().orElseThrow());
        rp.put("name", config.rpName().orElseThrow());
        ObjectNode user = publicKey.putObject("user");
        user.put("id", r.userId());
        user.put("name", f.friendlyName());
        user.put("displayName", f.friendlyName());
        publicKey.put("challenge", r.binding().registration().orElseThrow().challenge());
        var params = publicKey.putArray("pubKeyCredParams");
        for (long alg : WebAuthnCeremonies.ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", alg);
        }
        publicKey.put("timeout", r.timeoutMillis());
        publicKey.set("excludeCredentials", credentialDescriptors(r.exclude()));
        ObjectNode selection = publicKey.putObject("authenticatorSelection");
        PasskeySettings.Attachment attachment = config.authenticatorAttachment().orElseThrow();
        if (attachment != PasskeySettings.Attachment.ANY) {
            selection.put("authenticatorAttachment", attachment.wireName());
        }
        PasskeySettings.Requirement residentKey = config.discoverableCredentials().orElseThrow();
        selection.put("requireResidentKey", residentKey == PasskeySettings.Requirement.REQUIRED);
        selection.put("residentKey", residentKey.wireName());
        selection.put("userVerification", config.userVerification().orElseThrow().wireName());
        publicKey.put("attestation", "none");
        return finishFactor(node, f);
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode credentialDescriptors(List<PasskeyStore.AllowedCredential> credentials) {
        var array = NODES.arrayNode();
        for (PasskeyStore.AllowedCredential c : credentials) {
            ObjectNode descriptor = array.addObject().put("type", "public-key").put("id", c.id());
            if (!c.transports().isEmpty()) {
                var transports = descriptor.putArray("transports");
                c.transports().forEach(transports::add);
            }
        }
        return array;
    }

    /**
     * A passkeys login challenge as the Passkeys operations answer (CreateChallengePasskeys,
     * UpdateChallengePasskeys): the challenge fields, {@code entity_sid}, {@code identity} and
     * {@code factor_sid} null until known, and with {@code login} (only on creation; absent otherwise) {@code options} =
     * {@code {"publicKey": PublicKeyCredentialRequestOptions}} in WebAuthn's JSON; {@code url} is the
     * operation's, as Twilio's.
     */
    ObjectNode passkeyChallenge(PasskeyChallenge c, Optional<PasskeyLogin> login, String operation) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", c.sid().value());
        node.put("account_sid", c.accountSid().value());
        node.put("service_sid", c.serviceSid().value());
        node.put("entity_sid", c.entitySid().map(Sid::value).orElse(null));
        node.put("identity", c.identity().orElse(null));
        node.put("factor_sid", c.factorSid().map(Sid::value).orElse(null));
        dates(node, c.dateCreated(), c.dateUpdated());
        node.put("date_responded", c.dateResponded().map(Dates::format).orElse(null));
        node.put("expiration_date", Dates.format(c.expirationDate()));
        node.put("status", c.status().wireName());
        node.put("responded_reason", RespondedReason.NONE.wireName());
        node.putNull("details");
        node.putNull("hidden_details");
        node.putNull("metadata");
        node.put("factor_type", FactorType.PASSKEYS.wireName());
        node.put("url", base() + "/v2/Services/" + c.serviceSid() + "/Passkeys/" + operation);
        node.putNull("links");
        if (login.isEmpty()) {
            // The spec types these responses' options as an object, not nullable: absent, never null.
            return node;
        }
        ObjectNode publicKey = node.putObject("options").putObject("publicKey");
        publicKey.put("challenge", c.challenge());
        publicKey.put("timeout", login.get().timeoutMillis());
        publicKey.put("rpId", c.rpId());
        publicKey.set("allowCredentials", credentialDescriptors(login.get().allow()));
        publicKey.put("userVerification", c.userVerification().wireName());
        return node;
    }

    ObjectNode challenge(Challenge c) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", c.sid().value());
        node.put("account_sid", c.accountSid().value());
        node.put("service_sid", c.serviceSid().value());
        node.put("entity_sid", c.entitySid().value());
        node.put("identity", c.identity());
        node.put("factor_sid", c.factorSid().value());
        dates(node, c.dateCreated(), c.dateUpdated());
        node.put("date_responded", c.dateResponded().map(Dates::format).orElse(null));
        node.put("expiration_date", Dates.format(c.expirationDate()));
        node.put("status", c.status().wireName());
        node.put("responded_reason", c.respondedReason().wireName());
        ObjectNode details = node.putObject("details");
        details.put("message", c.details().message().orElse(null));
        c.details().date().ifPresent(date -> details.put("date", Dates.format(date)));
        var fields = details.putArray("fields");
        for (DetailField field : c.details().fields()) {
            fields.addObject().put("label", field.label()).put("value", field.value());
        }
        node.set("hidden_details", stringMap(c.hiddenDetails()));
        node.set("metadata", stringMap(c.metadata()));
        node.put("factor_type", c.factorType().wireName());
        String url = base() + "/v2/Services/" + c.serviceSid() + "/Entities/" + c.identity() + "/Challenges/" + c.sid();
        node.put("url", url);
        node.putObject("links").put("notifications", url + "/Notifications");
        return node;
    }

    /** The rendered values of the fields a device signs, keyed by field name. */
    Map<String, JsonNode> signedFields(Challenge c) {
        ObjectNode rendered = challenge(c);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String name : SIGNATURE_FIELDS) {
            fields.put(name, rendered.get(name));
        }
        return fields;
    }

    /** An access token, fields in the spec's order; no {@code date_updated} or {@code links}. */
    ObjectNode accessToken(AccessToken t) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", t.sid().value());
        node.put("account_sid", t.accountSid().value());
        node.put("service_sid", t.serviceSid().value());
        node.put("entity_identity", t.identity());
        node.put("factor_type", t.factorType().wireName());
        node.put("factor_friendly_name", t.factorFriendlyName().orElse(null));
        node.put("token", t.token());
        node.put("url", base() + "/v2/Services/" + t.serviceSid() + "/AccessTokens/" + t.sid());
        node.put("ttl", t.ttl().toSeconds());
        node.put("date_created", Dates.format(t.dateCreated()));
        return node;
    }

    /** A challenge notification, fields in the spec's order; it has no {@code url}. */
    ObjectNode notification(Notification n) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", n.sid().value());
        node.put("account_sid", n.accountSid().value());
        node.put("service_sid", n.serviceSid().value());
        node.put("entity_sid", n.entitySid().value());
        node.put("identity", n.identity());
        node.put("challenge_sid", n.challengeSid().value());
        node.put("priority", Notification.PRIORITY);
        node.put("ttl", n.ttl().toSeconds());
        node.put("date_created", Dates.format(n.dateCreated()));
        return node;
    }

    /** A webhook, fields in the spec's order ({@code verify.v2.service.webhook}); no {@code links}. */
    ObjectNode webhook(Webhook w) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", w.sid().value());
        node.put("service_sid", w.serviceSid().value());
        node.put("account_sid", w.accountSid().value());
        node.put("friendly_name", w.friendlyName());
        var types = node.putArray("event_types");
        w.eventTypes().forEach(type -> types.add(type.wireName()));
        node.put("status", w.status().wireName());
        node.put("version", w.version().wireName());
        node.put("webhook_url", w.url().toString());
        node.put("webhook_method", Webhook.METHOD);
        dates(node, w.dateCreated(), w.dateUpdated());
        node.put("url", webhookUrl(w));
        return node;
    }

    String webhookUrl(Webhook w) {
        return base() + "/v2/Services/" + w.serviceSid() + "/Webhooks/" + w.sid();
    }

    /** Assent extension: one outbox row (an event on its way to a webhook), with its last error. */
    ObjectNode delivery(Delivery d) {
        ObjectNode node = NODES.objectNode();
        node.put("sid", d.id().value());
        node.put("webhook_sid", d.webhookSid().value());
        node.put("service_sid", d.serviceSid().value());
        node.put("account_sid", d.accountSid().value());
        node.put("event_id", d.eventId());
        node.put("event_type", d.eventType());
        node.put("status", d.state().wireName());
        node.put("attempts", d.attempts());
        node.put("last_error", d.lastError().orElse(null));
        node.put("next_attempt_date", d.state() == Delivery.State.PENDING ? Dates.format(d.nextAttemptAt()) : null);
        node.put("date_delivered", d.deliveredAt().map(Dates::format).orElse(null));
        ObjectNode body = node.putObject("body");
        d.body().forEach(body::put);
        dates(node, d.dateCreated(), d.dateUpdated());
        return node;
    }

    private static void dates(ObjectNode node, Instant created, Instant updated) {
        node.put("date_created", Dates.format(created));
        node.put("date_updated", Dates.format(updated));
    }

    private static JsonNode stringMap(Optional<Map<String, String>> map) {
        if (map.isEmpty()) {
            return NODES.nullNode();
        }
        ObjectNode node = NODES.objectNode();
        map.get().forEach(node::put);
        return node;
    }

    private static void putInt(ObjectNode node, String name, OptionalInt value) {
        if (value.isPresent()) {
            node.put(name, value.getAsInt());
        } else {
            node.putNull(name);
        }
    }

    private static Map<String, String> linkedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
