package dev.assent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.Service;
import com.twilio.rest.verify.v2.service.ApproveChallenge;
import com.twilio.rest.verify.v2.service.NewChallenge;
import com.twilio.rest.verify.v2.service.NewFactor;
import com.twilio.rest.verify.v2.service.NewVerifyFactor;
import dev.assent.device.passkey.CeremonySettings;
import dev.assent.device.passkey.PasskeyAssertion;
import dev.assent.device.passkey.PasskeyCredential;
import dev.assent.device.passkey.PasskeyRegistration;
import dev.assent.device.passkey.SoftwareAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A customer's passkey backend written with twilio-java 13.0.1's passkeys classes, as Twilio's sample
 * backend drives them (issue 13): the Service's {@code Passkeys.*} settings, {@link NewFactor},
 * {@link NewVerifyFactor}, {@link NewChallenge}, {@link ApproveChallenge}. The browser is the software
 * authenticator of {@code device/} ({@link SoftwareAuthenticator}), which gets the options exactly as the
 * SDK parsed them and whose JSON is handed back through the SDK's typed request builders.
 *
 * <p>The relying party is {@value #RP_ID}: {@code .test} is reserved (RFC 2606) and never resolves,
 * and nothing here connects to it; the origin is only a string inside {@code clientDataJSON}.
 */
final class PasskeyBackend {

    static final String RP_ID = "login.assent.test";
    static final String RP_NAME = "Assent conformance";
    static final String ORIGIN = "https://login.assent.test";
    /** A second allowed origin (a subdomain of the RP id), to check the comma-separated list. */
    static final String OTHER_ORIGIN = "https://accounts.login.assent.test";
    static final ObjectMapper JSON = new ObjectMapper();

    private final TwilioRestClient client;

    PasskeyBackend(TwilioRestClient client) {
        this.client = client;
    }

    TwilioRestClient client() {
        return client;
    }

    /** A service with every passkeys setting: platform authenticators, discoverable, UV preferred. */
    Service newService() {
        return Service.creator(Backend.friendlyName("Passkeys"))
                .setPasskeysRelyingPartyId(RP_ID)
                .setPasskeysRelyingPartyName(RP_NAME)
                .setPasskeysRelyingPartyOrigins(ORIGIN + "," + OTHER_ORIGIN)
                .setPasskeysAuthenticatorAttachment("platform")
                .setPasskeysDiscoverableCredentials("required")
                .setPasskeysUserVerification("preferred")
                .create(client);
    }

    /** A service with a relying party but no authenticator criteria, so factors must bring a config. */
    Service newServiceWithoutCriteria() {
        return Service.creator(Backend.friendlyName("Passkeys bare"))
                .setPasskeysRelyingPartyId(RP_ID)
                .setPasskeysRelyingPartyName(RP_NAME)
                .setPasskeysRelyingPartyOrigins(ORIGIN)
                .create(client);
    }

    NewFactor createFactor(String serviceSid, String identity) {
        return NewFactor.creator(serviceSid,
                        new NewFactor.CreateNewPasskeysFactorRequest.Builder("Conformance passkey", identity).build())
                .create(client);
    }

    NewFactor createFactor(String serviceSid, String identity, NewFactor.CreateNewPasskeysFactorRequestConfig config) {
        return NewFactor.creator(serviceSid,
                        new NewFactor.CreateNewPasskeysFactorRequest.Builder("Conformance passkey", identity).config(config).build())
                .create(client);
    }

    NewVerifyFactor verify(String serviceSid, PasskeyRegistration registration) {
        return NewVerifyFactor.updater(serviceSid, verifyRequest(registration.json())).update(client);
    }

    /** {@code {}}: a discoverable login (the SDK cannot send no body, docs/decisions.md). */
    NewChallenge discoverableChallenge(String serviceSid) {
        return NewChallenge.creator(serviceSid)
                .setCreatePasskeysChallengeRequest(NewChallenge.CreatePasskeysChallengeRequest.builder().build())
                .create(client);
    }

    NewChallenge challengeFor(String serviceSid, String identity) {
        return NewChallenge.creator(serviceSid)
                .setCreatePasskeysChallengeRequest(NewChallenge.CreatePasskeysChallengeRequest.builder().identity(identity).build())
                .create(client);
    }

    NewChallenge challengeFor(String serviceSid, String identity, String factorSid) {
        return NewChallenge.creator(serviceSid)
                .setCreatePasskeysChallengeRequest(NewChallenge.CreatePasskeysChallengeRequest.builder()
                        .identity(identity).factorSid(factorSid).build())
                .create(client);
    }

    ApproveChallenge approve(String serviceSid, PasskeyAssertion assertion) {
        return ApproveChallenge.updater(serviceSid, approveRequest(assertion.json())).update(client);
    }

    /** NewFactor, the authenticator's {@code create()}, NewVerifyFactor: a verified passkey factor. */
    Enrolment enrol(String serviceSid, String identity, SoftwareAuthenticator authenticator) {
        NewFactor created = createFactor(serviceSid, identity);
        PasskeyRegistration registration = authenticator.register(options(created.getOptions()), ORIGIN);
        NewVerifyFactor verified = verify(serviceSid, registration);
        assertThat(verified.getStatus()).as("passkey factor status after VerifyFactor").isEqualTo(NewVerifyFactor.Status.VERIFIED);
        assertThat(verified.getSid()).isEqualTo(created.getSid());
        return new Enrolment(serviceSid, identity, created.getEntitySid(), created.getSid(), registration.credential(),
                authenticator);
    }

    /** A verified passkey: where it lives and the authenticator holding its key. */
    record Enrolment(String serviceSid, String identity, String entitySid, String factorSid, PasskeyCredential credential,
                     SoftwareAuthenticator authenticator) {

        PasskeyAssertion sign(NewChallenge challenge) {
            return authenticator.authenticate(options(challenge.getOptions()), ORIGIN);
        }

        PasskeyAssertion sign(NewChallenge challenge, CeremonySettings settings) {
            return authenticator.authenticate(options(challenge.getOptions()), ORIGIN, settings);
        }
    }

    /** The SDK's untyped {@code options} (Jackson maps) as the JSON a browser's WebAuthn call gets. */
    static JsonNode options(Object sdkOptions) {
        JsonNode options = JSON.valueToTree(Untyped.map(sdkOptions));
        assertThat(options).as("options").isNotNull();
        assertThat(options.path("publicKey").isObject()).as("options.publicKey is an object: %s", options).isTrue();
        return options;
    }

    /** The registration JSON, field by field, through the SDK's typed builders. */
    static NewVerifyFactor.VerifyPasskeysFactorRequest verifyRequest(JsonNode registration) {
        JsonNode response = registration.path("response");
        List<NewVerifyFactor.Transports> transports = new ArrayList<>();
        response.path("transports").forEach(t -> transports.add(NewVerifyFactor.Transports.forValue(t.asText())));
        NewVerifyFactor.VerifyPasskeysFactorRequestResponse.Builder body = NewVerifyFactor.VerifyPasskeysFactorRequestResponse.builder()
                .attestationObject(response.path("attestationObject").asText())
                .clientDataJSON(response.path("clientDataJSON").asText());
        if (!transports.isEmpty()) {
            body.transports(transports);
        }
        return new NewVerifyFactor.VerifyPasskeysFactorRequest.Builder(body.build())
                .id(registration.path("id").asText())
                .rawId(registration.path("rawId").asText())
                .authenticatorAttachment(NewVerifyFactor.AuthenticatorAttachment.forValue(
                        registration.path("authenticatorAttachment").asText()))
                .type(NewVerifyFactor.Type.PUBLIC_KEY)
                .build();
    }

    /** The assertion JSON, field by field, through the SDK's typed builders. */
    static ApproveChallenge.ApprovePasskeysChallengeRequest approveRequest(JsonNode assertion) {
        JsonNode response = assertion.path("response");
        ApproveChallenge.ApprovePasskeysChallengeRequestResponse.Builder body =
                new ApproveChallenge.ApprovePasskeysChallengeRequestResponse.Builder(
                        response.path("authenticatorData").asText(),
                        response.path("clientDataJSON").asText(),
                        response.path("signature").asText());
        if (response.hasNonNull("userHandle")) {
            body.userHandle(response.path("userHandle").asText());
        }
        return new ApproveChallenge.ApprovePasskeysChallengeRequest.Builder(
                        assertion.path("id").asText(),
                        assertion.path("rawId").asText(),
                        ApproveChallenge.AuthenticatorAttachment.forValue(assertion.path("authenticatorAttachment").asText()),
                        body.build())
                .type(ApproveChallenge.Type.PUBLIC_KEY)
                .build();
    }

    /**
     * A value Twilio's web SDK can decode with {@code atob()} and that means the same bytes there as in
     * base64url (WebAuthn's JSON encoding): only the characters both alphabets share (no {@code -},
     * {@code _}, {@code +} or {@code /}), unpadded, and of a length forgiving-base64 accepts.
     */
    static byte[] atobSafe(String what, String value) {
        assertThat(value).as(what).isNotBlank().matches("[A-Za-z0-9]+");
        assertThat(value.length() % 4).as("%s length mod 4", what).isNotEqualTo(1);
        String padded = value + "=".repeat((4 - value.length() % 4) % 4);
        byte[] standard = Base64.getDecoder().decode(padded);
        assertThat(Base64.getUrlDecoder().decode(value)).as("%s: base64 and base64url agree", what).isEqualTo(standard);
        return standard;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
