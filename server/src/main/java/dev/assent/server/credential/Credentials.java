package dev.assent.server.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.api.ResourceNotFound;
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
        CredentialSecret secret = switch (changes.type().required()) {
            case APN -> apnsSecret(changes, Optional.empty());
            case FCM -> fcmSecret(changes.secret(), changes.secret().required());
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
            changes.type().value().filter(t -> t != current.type())
                    .ifPresent(t -> {
                        throw changes.type().invalid(t.wireName(), "cannot change");
                    });
            CredentialSecret secret = switch (current.secret()) {
                case CredentialSecret.FcmServiceAccount fcm -> changes.secret().value()
                        .<CredentialSecret>map(json -> fcmSecret(changes.secret(), json)).orElse(fcm);
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
    public boolean isOfType(Sid accountSid, Sid credentialSid, CredentialType type) {
        return store.find(accountSid, credentialSid).filter(c -> c.type() == type).isPresent();
    }

    private static Optional<String> friendlyName(Input<String> name) {
        name.value().ifPresent(n -> {
            if (n.length() > MAX_FRIENDLY_NAME) {
                throw name.invalid(n, "must be at most " + MAX_FRIENDLY_NAME + " characters");
            }
        });
        return name.value().filter(n -> !n.isEmpty());
    }

    /**
     * Certificate-based when a certificate is given (or was, and no .p8 key id arrives), token-based
     * when {@code ApnKeyId}/{@code ApnTeamId} are given (or were).
     */
    private static CredentialSecret apnsSecret(CredentialChanges c, Optional<CredentialSecret> current) {
        boolean token = c.apnKeyId().isPresent() || c.apnTeamId().isPresent()
                || (!c.certificate().isPresent() && current.filter(s -> s instanceof CredentialSecret.ApnsToken).isPresent());
        if (token) {
            Optional<CredentialSecret.ApnsToken> was = current.filter(s -> s instanceof CredentialSecret.ApnsToken)
                    .map(s -> (CredentialSecret.ApnsToken) s);
            String key = c.privateKey().value().or(() -> was.map(CredentialSecret.ApnsToken::signingKeyPem))
                    .orElseThrow(c.privateKey()::missing);
            String keyId = c.apnKeyId().value().or(() -> was.map(CredentialSecret.ApnsToken::keyId))
                    .orElseThrow(c.apnKeyId()::missing);
            String teamId = c.apnTeamId().value().or(() -> was.map(CredentialSecret.ApnsToken::teamId))
                    .orElseThrow(c.apnTeamId()::missing);
            requirePem(c.privateKey(), key, "PRIVATE KEY");
            requireId(c.apnKeyId(), keyId);
            requireId(c.apnTeamId(), teamId);
            return new CredentialSecret.ApnsToken(key, keyId, teamId);
        }
        Optional<CredentialSecret.ApnsCertificate> was = current.filter(s -> s instanceof CredentialSecret.ApnsCertificate)
                .map(s -> (CredentialSecret.ApnsCertificate) s);
        String certificate = c.certificate().value().or(() -> was.map(CredentialSecret.ApnsCertificate::certificatePem))
                .orElseThrow(c.certificate()::missing);
        String key = c.privateKey().value().or(() -> was.map(CredentialSecret.ApnsCertificate::privateKeyPem))
                .orElseThrow(c.privateKey()::missing);
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            throw c.certificate().invalid(null, "must be a PEM X.509 certificate");
        }
        requirePem(c.privateKey(), key, "PRIVATE KEY");
        return new CredentialSecret.ApnsCertificate(certificate, key);
    }

    private static CredentialSecret fcmSecret(Input<String> parameter, String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw parameter.invalid(null, "must be a Google service-account JSON document");
        }
        for (String field : new String[] {"project_id", "client_email", "private_key"}) {
            if (node == null || !node.path(field).isTextual() || node.path(field).asText().isBlank()) {
                throw parameter.invalid(null, "the service-account JSON has no " + field);
            }
        }
        requirePem(parameter, node.get("private_key").asText(), "PRIVATE KEY");
        return new CredentialSecret.FcmServiceAccount(json);
    }

    private static void requirePem(Input<String> parameter, String pem, String label) {
        if (!pem.contains("-----BEGIN " + label + "-----") && !pem.contains("-----BEGIN RSA " + label + "-----")
                && !pem.contains("-----BEGIN EC " + label + "-----")) {
            // Never quote the value: it is a secret.
            throw parameter.invalid(null, "must be a PEM " + label.toLowerCase(Locale.ROOT));
        }
    }

    private static void requireId(Input<String> parameter, String value) {
        if (value.isBlank() || value.length() > 64) {
            throw parameter.invalid(value, "must be 1 to 64 characters");
        }
    }

    static ApiException notFound(Sid credentialSid) {
        return new ResourceNotFound(SidType.CREDENTIAL, credentialSid.value());
    }
}
