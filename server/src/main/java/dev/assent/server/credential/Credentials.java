package dev.assent.server.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.Transactions;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The Credentials resource: create, fetch, list, update and delete an account's push credentials. */
public final class Credentials {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int MAX_FRIENDLY_NAME = 64;

    private final CredentialStore store;
    private final Transactions transactions;

    public Credentials(CredentialStore store, Transactions transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    public Credential create(Sid accountSid, CredentialChanges changes, Instant now) {
        String typeValue = changes.type().orElseThrow(() -> ApiException.missingParameter("Type"));
        CredentialType type = switch (typeValue.toLowerCase(Locale.ROOT)) {
            case "apn" -> CredentialType.APN;
            case "fcm" -> CredentialType.FCM;
            default -> throw ApiException.invalidParameter("Type", typeValue, "must be apn or fcm");
        };
        CredentialSecret secret = switch (type) {
            case APN -> apnsSecret(changes, Optional.empty());
            case FCM -> fcmSecret(changes.secret().orElseThrow(() -> ApiException.missingParameter("Secret")));
        };
        Credential credential = new Credential(Sid.generate(SidType.CREDENTIAL), accountSid, friendlyName(changes.friendlyName()),
                changes.sandbox().orElse(false), secret, now, now);
        transactions.run(() -> store.insert(credential));
        return credential;
    }

    public Credential fetch(Sid accountSid, Sid credentialSid) {
        return store.find(accountSid, credentialSid).orElseThrow(() -> notFound(credentialSid));
    }

    public Page<Credential> list(Sid accountSid, PageRequest page) {
        return store.list(accountSid, page);
    }

    public Credential update(Sid accountSid, Sid credentialSid, CredentialChanges changes, Instant now) {
        return transactions.inTransaction(() -> {
            Credential current = fetch(accountSid, credentialSid);
            changes.type().filter(t -> !t.equalsIgnoreCase(current.type().name()))
                    .ifPresent(t -> {
                        throw ApiException.invalidParameter("Type", t, "cannot change");
                    });
            CredentialSecret secret = switch (current.secret()) {
                case CredentialSecret.FcmServiceAccount fcm -> changes.secret().map(Credentials::fcmSecret).orElse(fcm);
                case CredentialSecret.ApnsCertificate apns -> apnsSecret(changes, Optional.of(apns));
                case CredentialSecret.ApnsToken apns -> apnsSecret(changes, Optional.of(apns));
            };
            Credential updated = new Credential(current.sid(), current.accountSid(),
                    changes.friendlyName().isPresent() ? friendlyName(changes.friendlyName()) : current.friendlyName(),
                    changes.sandbox().orElse(current.sandbox()), secret, current.dateCreated(), now);
            if (!store.update(updated)) {
                throw notFound(credentialSid);
            }
            return updated;
        });
    }

    public void delete(Sid accountSid, Sid credentialSid) {
        if (!transactions.inTransaction(() -> store.delete(accountSid, credentialSid))) {
            throw notFound(credentialSid);
        }
    }

    /**
     * Whether {@code credentialSid} names one of the account's credentials of the given type; what a
     * Service's {@code Push.ApnCredentialSid} / {@code Push.FcmCredentialSid} must satisfy.
     */
    public boolean isOfType(Sid accountSid, String credentialSid, CredentialType type) {
        return Sid.matches(SidType.CREDENTIAL, credentialSid)
                && store.find(accountSid, new Sid(SidType.CREDENTIAL, credentialSid)).filter(c -> c.type() == type).isPresent();
    }

    private static Optional<String> friendlyName(Optional<String> name) {
        name.ifPresent(n -> {
            if (n.length() > MAX_FRIENDLY_NAME) {
                throw ApiException.invalidParameter("FriendlyName", n, "must be at most " + MAX_FRIENDLY_NAME + " characters");
            }
        });
        return name.filter(n -> !n.isEmpty());
    }

    /**
     * Certificate-based when a certificate is given (or was, and no .p8 key id arrives), token-based
     * when {@code ApnKeyId}/{@code ApnTeamId} are given (or were).
     */
    private static CredentialSecret apnsSecret(CredentialChanges c, Optional<CredentialSecret> current) {
        boolean token = c.apnKeyId().isPresent() || c.apnTeamId().isPresent()
                || (c.certificate().isEmpty() && current.filter(s -> s instanceof CredentialSecret.ApnsToken).isPresent());
        if (token) {
            Optional<CredentialSecret.ApnsToken> was = current.filter(s -> s instanceof CredentialSecret.ApnsToken)
                    .map(s -> (CredentialSecret.ApnsToken) s);
            String key = c.privateKey().or(() -> was.map(CredentialSecret.ApnsToken::signingKeyPem))
                    .orElseThrow(() -> ApiException.missingParameter("PrivateKey"));
            String keyId = c.apnKeyId().or(() -> was.map(CredentialSecret.ApnsToken::keyId))
                    .orElseThrow(() -> ApiException.missingParameter("ApnKeyId"));
            String teamId = c.apnTeamId().or(() -> was.map(CredentialSecret.ApnsToken::teamId))
                    .orElseThrow(() -> ApiException.missingParameter("ApnTeamId"));
            requirePem("PrivateKey", key, "PRIVATE KEY");
            requireId("ApnKeyId", keyId);
            requireId("ApnTeamId", teamId);
            return new CredentialSecret.ApnsToken(key, keyId, teamId);
        }
        Optional<CredentialSecret.ApnsCertificate> was = current.filter(s -> s instanceof CredentialSecret.ApnsCertificate)
                .map(s -> (CredentialSecret.ApnsCertificate) s);
        String certificate = c.certificate().or(() -> was.map(CredentialSecret.ApnsCertificate::certificatePem))
                .orElseThrow(() -> ApiException.missingParameter("Certificate"));
        String key = c.privateKey().or(() -> was.map(CredentialSecret.ApnsCertificate::privateKeyPem))
                .orElseThrow(() -> ApiException.missingParameter("PrivateKey"));
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            throw ApiException.invalidParameter("Certificate", null, "must be a PEM X.509 certificate");
        }
        requirePem("PrivateKey", key, "PRIVATE KEY");
        return new CredentialSecret.ApnsCertificate(certificate, key);
    }

    private static CredentialSecret fcmSecret(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw ApiException.invalidParameter("Secret", null, "must be a Google service-account JSON document");
        }
        for (String field : new String[] {"project_id", "client_email", "private_key"}) {
            if (node == null || !node.path(field).isTextual() || node.path(field).asText().isBlank()) {
                throw ApiException.invalidParameter("Secret", null, "the service-account JSON has no " + field);
            }
        }
        requirePem("Secret", node.get("private_key").asText(), "PRIVATE KEY");
        return new CredentialSecret.FcmServiceAccount(json);
    }

    private static void requirePem(String parameter, String pem, String label) {
        if (!pem.contains("-----BEGIN " + label + "-----") && !pem.contains("-----BEGIN RSA " + label + "-----")
                && !pem.contains("-----BEGIN EC " + label + "-----")) {
            // Never quote the value: it is a secret.
            throw ApiException.invalidParameter(parameter, null, "must be a PEM " + label.toLowerCase(Locale.ROOT));
        }
    }

    private static void requireId(String parameter, String value) {
        if (value.isBlank() || value.length() > 64) {
            throw ApiException.invalidParameter(parameter, value, "must be 1 to 64 characters");
        }
    }

    static ApiException notFound(Sid credentialSid) {
        return new ApiException(ApiError.NOT_FOUND, "The requested resource /Credentials/" + credentialSid + " was not found");
    }
}
