package dev.assent.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.assent.server.credential.Credential;
import dev.assent.server.credential.CredentialSecret;
import dev.assent.server.outbound.OutboundHttp;
import dev.assent.server.outbound.OutboundRequest;
import dev.assent.server.outbound.OutboundResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends through the FCM HTTP v1 API as a data-only message. The OAuth2 access token comes from the
 * service account by the JWT-bearer grant (RFC 7523) at the operator's token endpoint
 * ({@link PushConfig#fcmTokenUrl()}; the JSON's own {@code token_uri} is tenant input and ignored),
 * with an RS256 assertion signed by the account's private key; it is cached until shortly before
 * it expires. Both calls go through the outbound policy.
 */
public final class FcmPushSender implements PushSender {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final PushConfig config;
    private final Clock clock;
    private final OutboundHttp http;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    private record AccessToken(Instant credentialUpdated, String value, Instant expires) {
        @Override
        public String toString() {
            return "AccessToken[redacted]";
        }
    }

    private record ServiceAccount(String projectId, String clientEmail, String privateKeyId, String privateKeyPem) {
        @Override
        public String toString() {
            return "ServiceAccount[" + projectId + ", " + clientEmail + "]";
        }
    }

    /** Calls go out through {@code http}; the sender does not close it. */
    public FcmPushSender(PushConfig config, Clock clock, OutboundHttp http) {
        this.config = config;
        this.clock = clock;
        this.http = http;
    }

    @Override
    public PushResult send(Credential credential, PushMessage message) throws PushTransportException {
        ServiceAccount account = serviceAccount(credential);
        String accessToken = accessToken(credential, account);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode m = body.putObject("message");
        m.put("token", message.token());
        ObjectNode data = m.putObject("data");
        PushPayloads.data(message).forEach(data::put);
        long ttl = Math.max(0, Duration.between(clock.instant(), message.expiration()).toSeconds());
        m.putObject("android").put("priority", "HIGH").put("ttl", ttl + "s");
        URI url = URI.create(config.fcmUrl().toString().replaceAll("/+$", "") + "/v1/projects/"
                + URLEncoder.encode(account.projectId(), StandardCharsets.UTF_8) + "/messages:send");
        OutboundResult.Answered response = exchange(new OutboundRequest(url, Map.of("Authorization", "Bearer " + accessToken),
                "application/json; charset=UTF-8", body.toString().getBytes(StandardCharsets.UTF_8), TIMEOUT, true), "FCM");
        int status = response.status();
        if (status == 200) {
            return new PushResult.Accepted();
        }
        String errorCode = errorCode(response.bodyText());
        if (status == 404 || "UNREGISTERED".equals(errorCode)) {
            return new PushResult.Unregistered(errorCode.isEmpty() ? "NOT_FOUND" : errorCode);
        }
        if (status == 401) {
            tokens.remove(credential.sid().value());
            throw new PushTransportException("FCM refused the access token (401)");
        }
        if (status == 429 || status >= 500) {
            throw new PushTransportException("FCM: status " + status + " " + errorCode);
        }
        return new PushResult.Rejected((errorCode.isEmpty() ? "status " + status : errorCode));
    }

    private String accessToken(Credential credential, ServiceAccount account) throws PushTransportException {
        Instant now = clock.instant();
        AccessToken cached = tokens.get(credential.sid().value());
        if (cached != null && cached.credentialUpdated().equals(credential.dateUpdated()) && now.isBefore(cached.expires())) {
            return cached.value();
        }
        String assertion;
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(account.clientEmail())
                    .subject(account.clientEmail())
                    .audience(config.fcmTokenUrl().toString())
                    .claim("scope", SCOPE)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                    .build();
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
            if (account.privateKeyId() != null) {
                header.keyID(account.privateKeyId());
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new RSASSASigner(ApnsPushSender.privateKey(account.privateKeyPem())));
            assertion = jwt.serialize();
        } catch (GeneralSecurityException | JOSEException | RuntimeException e) {
            throw new PushTransportException("FCM credential " + credential.sid() + " has an unusable private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8) + "&assertion=" + assertion;
        OutboundResult.Answered response = exchange(new OutboundRequest(config.fcmTokenUrl(), Map.of(),
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), TIMEOUT, true), "OAuth token endpoint");
        if (response.status() != 200) {
            throw new PushTransportException("OAuth token endpoint answered " + response.status() + " for credential "
                    + credential.sid());
        }
        try {
            JsonNode token = JSON.readTree(response.body());
            String value = token.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new PushTransportException("OAuth token endpoint returned no access_token");
            }
            long expiresIn = token.path("expires_in").asLong(3600);
            // Renew a minute early, so a token never expires in flight.
            tokens.put(credential.sid().value(), new AccessToken(credential.dateUpdated(), value,
                    now.plusSeconds(Math.max(0, expiresIn - 60))));
            return value;
        } catch (IOException e) {
            throw new PushTransportException("OAuth token endpoint returned unreadable JSON");
        }
    }

    /** The peer's answer; a failed call (refused, unreachable, timed out, oversized) is a transport failure. */
    private OutboundResult.Answered exchange(OutboundRequest request, String peer) throws PushTransportException {
        return switch (http.post(request)) {
            case OutboundResult.Answered answered -> answered;
            case OutboundResult.Failed failed -> throw new PushTransportException(peer + ": " + failed.reason().text());
        };
    }

    private static ServiceAccount serviceAccount(Credential credential) throws PushTransportException {
        if (!(credential.secret() instanceof CredentialSecret.FcmServiceAccount fcm)) {
            throw new PushTransportException("credential " + credential.sid() + " is an APNs credential, not FCM");
        }
        try {
            // token_uri is deliberately not read: where the server POSTs is the operator's decision.
            JsonNode json = JSON.readTree(fcm.json());
            return new ServiceAccount(json.path("project_id").asText(), json.path("client_email").asText(),
                    json.hasNonNull("private_key_id") ? json.get("private_key_id").asText() : null,
                    json.path("private_key").asText());
        } catch (IOException e) {
            throw new PushTransportException("credential " + credential.sid() + " holds unreadable service-account JSON");
        }
    }

    /** FCM's {@code error.details[].errorCode} (e.g. UNREGISTERED), else {@code error.status}, else "". */
    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    return detail.get("errorCode").asText();
                }
            }
            return error.path("status").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
