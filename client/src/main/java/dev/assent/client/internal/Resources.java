package dev.assent.client.internal;

import static dev.assent.client.internal.Json.bool;
import static dev.assent.client.internal.Json.enumValue;
import static dev.assent.client.internal.Json.instant;
import static dev.assent.client.internal.Json.integer;
import static dev.assent.client.internal.Json.map;
import static dev.assent.client.internal.Json.stringMap;
import static dev.assent.client.internal.Json.strings;
import static dev.assent.client.internal.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assent.client.AccessToken;
import dev.assent.client.AuthenticatorAttachment;
import dev.assent.client.PasskeyRequirement;
import dev.assent.client.PasskeySettings;
import dev.assent.client.Challenge;
import dev.assent.client.ChallengeDetails;
import dev.assent.client.ChallengeStatus;
import dev.assent.client.DetailField;
import dev.assent.client.Entity;
import dev.assent.client.Factor;
import dev.assent.client.FactorStatus;
import dev.assent.client.Notification;
import dev.assent.client.Webhook;
import dev.assent.client.WebhookMethod;
import dev.assent.client.WebhookStatus;
import dev.assent.client.WebhookVersion;
import dev.assent.client.FactorType;
import dev.assent.client.RespondedReason;
import dev.assent.client.Service;
import java.util.ArrayList;
import java.util.List;

/** Maps response JSON (snake_case) to the client's resource records. */
public final class Resources {

    private Resources() {
    }

    public static Challenge challenge(JsonNode node) {
        return new Challenge(
                text(node, "sid"),
                text(node, "account_sid"),
                text(node, "service_sid"),
                text(node, "entity_sid"),
                text(node, "identity"),
                text(node, "factor_sid"),
                instant(node, "date_created"),
                instant(node, "date_updated"),
                instant(node, "date_responded"),
                instant(node, "expiration_date"),
                enumValue(ChallengeStatus.class, text(node, "status")),
                enumValue(RespondedReason.class, text(node, "responded_reason")),
                details(node.get("details")),
                stringMap(node, "hidden_details"),
                stringMap(node, "metadata"),
                enumValue(FactorType.class, text(node, "factor_type")),
                text(node, "url"),
                stringMap(node, "links"));
    }

    private static ChallengeDetails details(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<DetailField> fields = new ArrayList<>();
        JsonNode array = node.get("fields");
        if (array != null && array.isArray()) {
            array.forEach(field -> fields.add(new DetailField(field.path("label").asText(""),
                    field.path("value").asText(""))));
        }
        return new ChallengeDetails(text(node, "message"), instant(node, "date"), fields);
    }

    public static Entity entity(JsonNode node) {
        return new Entity(text(node, "sid"), text(node, "identity"), text(node, "account_sid"),
                text(node, "service_sid"), instant(node, "date_created"), instant(node, "date_updated"),
                text(node, "url"), stringMap(node, "links"));
    }

    public static Service service(JsonNode node) {
        JsonNode push = node.get("push");
        JsonNode totp = node.get("totp");
        return new Service(text(node, "sid"), text(node, "account_sid"), text(node, "friendly_name"),
                integer(node, "code_length"),
                push == null || !push.isObject() ? null : new Service.Push(bool(push, "include_date"),
                        text(push, "apn_credential_sid"), text(push, "fcm_credential_sid")),
                totp == null || !totp.isObject() ? null : new Service.Totp(text(totp, "issuer"),
                        integer(totp, "time_step"), integer(totp, "code_length"), integer(totp, "skew")),
                passkeys(node.get("passkeys")),
                instant(node, "date_created"), instant(node, "date_updated"), text(node, "url"),
                stringMap(node, "links"));
    }

    /** {@code passkeys} of a service: {relying_party{id, name, origins}, authenticator_attachment, …}. */
    static PasskeySettings passkeys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode party = node.path("relying_party");
        return new PasskeySettings(text(party, "id"), text(party, "name"), strings(party, "origins"),
                AuthenticatorAttachment.fromWire(text(node, "authenticator_attachment")),
                PasskeyRequirement.fromWire(text(node, "discoverable_credentials")),
                PasskeyRequirement.fromWire(text(node, "user_verification")));
    }

    public static Factor factor(JsonNode node) {
        return new Factor(text(node, "sid"), text(node, "account_sid"), text(node, "service_sid"),
                text(node, "entity_sid"), text(node, "identity"), map(node, "binding"),
                instant(node, "date_created"), instant(node, "date_updated"), text(node, "friendly_name"),
                enumValue(FactorStatus.class, text(node, "status")),
                enumValue(FactorType.class, text(node, "factor_type")), map(node, "config"),
                stringMap(node, "metadata"), text(node, "url"));
    }

    public static Webhook webhook(JsonNode node) {
        return new Webhook(text(node, "sid"), text(node, "service_sid"), text(node, "account_sid"),
                text(node, "friendly_name"), strings(node, "event_types"),
                enumValue(WebhookStatus.class, text(node, "status")),
                enumValue(WebhookVersion.class, text(node, "version")), text(node, "webhook_url"),
                enumValue(WebhookMethod.class, text(node, "webhook_method")),
                instant(node, "date_created"), instant(node, "date_updated"), text(node, "url"));
    }

    public static Notification notification(JsonNode node) {
        return new Notification(text(node, "sid"), text(node, "account_sid"), text(node, "service_sid"),
                text(node, "entity_sid"), text(node, "identity"), text(node, "challenge_sid"),
                text(node, "priority"), integer(node, "ttl"), instant(node, "date_created"));
    }

    public static AccessToken accessToken(JsonNode node) {
        return new AccessToken(text(node, "sid"), text(node, "account_sid"), text(node, "service_sid"),
                text(node, "entity_identity"), enumValue(FactorType.class, text(node, "factor_type")),
                text(node, "factor_friendly_name"), text(node, "token"), text(node, "url"), integer(node, "ttl"),
                instant(node, "date_created"));
    }
}
