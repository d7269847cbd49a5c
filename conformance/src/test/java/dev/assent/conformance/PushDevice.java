package dev.assent.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A phone running the Twilio Verify Push SDK, emulated over the JDK HTTP client (the mobile protocol
 * is not in twilio-java). It owns a fresh P-256 key pair and speaks docs/push-protocol.md §1–6: the
 * device JWT in {@code Authorization: Basic base64("token:" + jwt)}, the factor proof, and the
 * signed challenge response built from {@code Twilio-Verify-Signature-Fields}.
 *
 * <p>Deliberately <em>not</em> the shared virtual device of module {@code device/} ({@code dev.assent.device},
 * which the CLI, the benchmark and the server's tests sign with): this one signs through nimbus-jose-jwt
 * (its JWS header and claims builders, its DER-to-{@code r||s} transcoding) and copies the signature
 * fields with its own loop. It is an independent oracle: a mistake in the shared signer that the server's
 * verifier happened to mirror would pass every server test, but not this suite. Keep it separate.
 */
final class PushDevice {

    /** What the SDK keeps after enrolment: where the factor lives and the JWT {@code kid}. */
    record Enrolment(String accountSid, String serviceSid, String identity, String factorSid, String credentialSid) {
    }

    /** A fetched challenge as the SDK sees it: the JSON body and the split signature-field list. */
    record FetchedChallenge(Exchange exchange, JsonNode body, List<String> signatureFields) {
    }

    static final Duration JWT_LIFETIME = Duration.ofMinutes(10);
    private static final String USER_AGENT =
            "AssentConformance; Android; 1.0; 1; Android 14 (34); Emulator; VerifySDK; 0.9.0; 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final WireClient wire;
    private final KeyPair keys;

    PushDevice(URI baseUrl, WireClient wire) {
        this(baseUrl, wire, newKeyPair());
    }

    PushDevice(URI baseUrl, WireClient wire, KeyPair keys) {
        this.baseUrl = baseUrl;
        this.wire = wire;
        this.keys = keys;
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError("JDK lacks P-256", e);
        }
    }

    /** {@code Binding.PublicKey}: Base64 (standard, padded) of the X.509 SubjectPublicKeyInfo DER. */
    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The factor-verification {@code AuthPayload}: Base64 DER ECDSA-SHA256 over the factor SID (§3). */
    String factorProof(String factorSid) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(factorSid.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The per-request device JWT of §4, valid from {@code notBefore} for {@code lifetime}. */
    String deviceJwt(Enrolment enrolment, Instant notBefore, Duration lifetime) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .contentType("twilio-pba;v=1")
                .keyID(enrolment.credentialSid())
                .type(JOSEObjectType.JWT)
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(enrolment.accountSid())
                .expirationTime(Date.from(notBefore.plus(lifetime)))
                .notBeforeTime(Date.from(notBefore))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        sign(jwt);
        return jwt.serialize();
    }

    String deviceJwt(Enrolment enrolment) {
        return deviceJwt(enrolment, Instant.now(), JWT_LIFETIME);
    }

    /** GET the challenge with a fresh device JWT, as the SDK does before answering it (§5.1). */
    FetchedChallenge fetchChallenge(Enrolment enrolment, String challengeSid) {
        return fetchChallenge(enrolment, challengeSid, deviceJwt(enrolment));
    }

    FetchedChallenge fetchChallenge(Enrolment enrolment, String challengeSid, String jwt) {
        Exchange exchange = wire.send("GET", challengeUri(enrolment, challengeSid), Map.of(
                "Authorization", List.of(AssentServer.basic("token", jwt)),
                // The SDKs really send this Accept on GET (§1); the server must still answer JSON.
                "Accept", List.of(WireClient.FORM),
                "Content-Type", List.of(WireClient.FORM),
                "User-Agent", List.of(USER_AGENT)), null);
        if (exchange.status() != 200) {
            return new FetchedChallenge(exchange, exchange.json(), List.of());
        }
        List<String> fields = exchange.header("Twilio-Verify-Signature-Fields")
                .map(value -> Arrays.asList(value.split(",", -1)))
                .orElse(List.of());
        return new FetchedChallenge(exchange, exchange.json(), fields);
    }

    /** Fetches the challenge, signs the §6.2 payload for {@code status}, and POSTs it. */
    Exchange respond(Enrolment enrolment, String challengeSid, String status) {
        return respond(enrolment, challengeSid, status, payload -> { });
    }

    /** As {@link #respond(Enrolment, String, String)}, letting a test tamper with the payload before signing. */
    Exchange respond(Enrolment enrolment, String challengeSid, String status, Consumer<ObjectNode> tamper) {
        FetchedChallenge fetched = fetchChallenge(enrolment, challengeSid);
        if (fetched.exchange().status() != 200) {
            throw new AssertionError("device could not fetch the challenge:\n" + fetched.exchange().describe());
        }
        ObjectNode payload = signedPayload(fetched, status);
        tamper.accept(payload);
        return postAuthPayload(enrolment, challengeSid, sign(payload));
    }

    /** POST {@code AuthPayload} alone, with a fresh device JWT, as the SDK does (§6.1). */
    Exchange postAuthPayload(Enrolment enrolment, String challengeSid, String authPayload) {
        return wire.send("POST", challengeUri(enrolment, challengeSid), Map.of(
                "Authorization", List.of(AssentServer.basic("token", deviceJwt(enrolment))),
                "Accept", List.of("application/json"),
                "User-Agent", List.of(USER_AGENT)),
                "AuthPayload=" + URLEncoder.encode(authPayload, StandardCharsets.UTF_8));
    }

    /**
     * §2.1: the device creates its own push factor with the parameters the SDKs send, authenticated by
     * the enrollment access token its backend obtained ({@code Basic token:<access token>}).
     */
    Exchange createFactor(String serviceSid, String identity, String accessToken, String friendlyName) {
        URI uri = URI.create(baseUrl + "/v2/Services/" + serviceSid + "/Entities/" + identity + "/Factors");
        String form = "FriendlyName=" + URLEncoder.encode(friendlyName, StandardCharsets.UTF_8)
                + "&FactorType=push"
                + "&Binding.PublicKey=" + URLEncoder.encode(publicKeyBase64(), StandardCharsets.UTF_8)
                + "&Binding.Alg=ES256"
                + "&Config.SdkVersion=" + Backend.SDK_VERSION
                + "&Config.AppId=" + Backend.APP_ID
                + "&Config.NotificationPlatform=none";
        return wire.send("POST", uri, Map.of(
                "Authorization", List.of(AssentServer.basic("token", accessToken)),
                "Accept", List.of("application/json"),
                "User-Agent", List.of(USER_AGENT)), form);
    }

    /** What the SDK keeps from a factor-creation response (§2.3). */
    static Enrolment enrolment(Exchange created) {
        JsonNode factor = created.json();
        return new Enrolment(factor.path("account_sid").asText(), factor.path("service_sid").asText(),
                factor.path("identity").asText(), factor.path("sid").asText(),
                factor.path("config").path("credential_sid").asText());
    }

    /** §3: the device verifies its own new factor, authenticated by its device JWT. */
    Exchange verifyFactor(Enrolment enrolment) {
        URI uri = URI.create(baseUrl + "/v2/Services/" + enrolment.serviceSid() + "/Entities/"
                + enrolment.identity() + "/Factors/" + enrolment.factorSid());
        return wire.send("POST", uri, Map.of(
                "Authorization", List.of(AssentServer.basic("token", deviceJwt(enrolment))),
                "Accept", List.of("application/json"),
                "User-Agent", List.of(USER_AGENT)),
                "AuthPayload=" + URLEncoder.encode(factorProof(enrolment.factorSid()), StandardCharsets.UTF_8));
    }

    /**
     * §6.2: copy every listed top-level key unchanged from the fetched body, then set {@code status}.
     * A listed key missing from the body is a server bug (both SDKs fail on it).
     */
    static ObjectNode signedPayload(FetchedChallenge fetched, String status) {
        if (fetched.signatureFields().isEmpty()) {
            throw new AssertionError("no Twilio-Verify-Signature-Fields header on the challenge fetch:\n"
                    + fetched.exchange().describe());
        }
        ObjectNode payload = JSON.createObjectNode();
        for (String field : fetched.signatureFields()) {
            if (!fetched.body().has(field)) {
                throw new AssertionError("Twilio-Verify-Signature-Fields lists '" + field
                        + "', which the body lacks:\n" + fetched.exchange().describe());
            }
            payload.set(field, fetched.body().get(field));
        }
        payload.put("status", status);
        return payload;
    }

    /** The challenge-response JWS: header {"typ":"JWT","alg":"ES256"}, ES256 raw r||s signature. */
    String sign(ObjectNode payload) {
        try {
            JWSObject jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                    new Payload(JSON.writeValueAsString(payload)));
            sign(jws);
            return jws.serialize();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private void sign(JWSObject jws) {
        try {
            jws.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private URI challengeUri(Enrolment enrolment, String challengeSid) {
        return URI.create(baseUrl + "/v2/Services/" + enrolment.serviceSid() + "/Entities/"
                + enrolment.identity() + "/Challenges/" + challengeSid);
    }
}
