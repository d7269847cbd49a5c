package dev.assent.server.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.ApnsClientMetricsListener;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.assent.server.credential.Credential;
import dev.assent.server.credential.CredentialSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through APNs with Pushy over HTTP/2, token-based (.p8) or certificate-based. One client per
 * credential, reused while the credential is unchanged.
 */
public final class ApnsPushSender implements PushSender {

    private static final Logger log = LoggerFactory.getLogger(ApnsPushSender.class);

    /** APNs reasons that say the token will never work again (with status 410 or 400). */
    private static final Set<String> UNREGISTERED = Set.of("Unregistered", "BadDeviceToken", "ExpiredToken");
    /** APNs reasons worth another try later. */
    private static final Set<String> TRANSIENT = Set.of("TooManyRequests", "InternalServerError", "ServiceUnavailable", "Shutdown",
            "ExpiredProviderToken");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    private final PushConfig config;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    private record Client(Instant credentialUpdated, ApnsClient client) {
    }

    private final Optional<ApnsClientMetricsListener> metricsListener;

    public ApnsPushSender(PushConfig config) {
        this(config, Optional.empty());
    }

    /** With every APNs client it builds reporting to {@code metricsListener} (one listener shared by all clients). */
    public ApnsPushSender(PushConfig config, Optional<ApnsClientMetricsListener> metricsListener) {
        this.config = config;
        this.metricsListener = metricsListener;
    }

    @Override
    public PushResult send(Credential credential, PushMessage message) throws PushTransportException {
        ApnsClient client = client(credential);
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(message.token(), message.appId(),
                PushPayloads.apns(message), message.expiration(), DeliveryPriority.IMMEDIATE, PushType.ALERT);
        PushNotificationResponse<SimpleApnsPushNotification> response;
        try {
            response = client.sendNotification(notification).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushTransportException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PushTransportException("APNs unreachable: " + cause, cause);
        }
        if (response.isAccepted()) {
            return new PushResult.Accepted();
        }
        String reason = response.getRejectionReason().orElse("status " + response.getStatusCode());
        if (response.getStatusCode() == 410 || UNREGISTERED.contains(reason)) {
            return new PushResult.Unregistered(reason);
        }
        if (TRANSIENT.contains(reason) || response.getStatusCode() >= 500) {
            throw new PushTransportException("APNs: " + reason);
        }
        return new PushResult.Rejected(reason);
    }

    private ApnsClient client(Credential credential) throws PushTransportException {
        Client cached = clients.get(credential.sid().value());
        if (cached != null && cached.credentialUpdated().equals(credential.dateUpdated())) {
            return cached.client();
        }
        ApnsClient built = build(credential);
        Client previous = clients.put(credential.sid().value(), new Client(credential.dateUpdated(), built));
        if (previous != null) {
            previous.client().close();
        }
        return built;
    }

    private ApnsClient build(Credential credential) throws PushTransportException {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(credential.sandbox() ? config.apnsSandboxHost() : config.apnsProductionHost(), config.apnsPort())
                .setConnectionTimeout(Duration.ofSeconds(5));
        metricsListener.ifPresent(builder::setMetricsListener);
        try {
            switch (credential.secret()) {
                case CredentialSecret.ApnsToken token -> builder.setSigningKey(ApnsSigningKey.loadFromInputStream(
                        new ByteArrayInputStream(token.signingKeyPem().getBytes(StandardCharsets.US_ASCII)), token.teamId(), token.keyId()));
                case CredentialSecret.ApnsCertificate cert -> builder.setClientCredentials(certificate(cert.certificatePem()),
                        privateKey(cert.privateKeyPem()), null);
                case CredentialSecret.FcmServiceAccount fcm -> throw new PushTransportException(
                        "credential " + credential.sid() + " is an FCM credential, not APNs");
            }
            if (config.apnsTrustedCertificate().isPresent()) {
                builder.setTrustedServerCertificateChain(config.apnsTrustedCertificate().get().toFile());
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The exception may describe key material; report only its type.
            throw new PushTransportException("APNs credential " + credential.sid() + " is unusable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A PKCS#8 PEM key, RSA or EC. */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.client().close().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("APNs client did not close cleanly: {}", e.toString());
            }
        });
        clients.clear();
    }
}
