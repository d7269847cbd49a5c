package dev.assent.server.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.credential.Credential;
import dev.assent.server.credential.CredentialSecret;
import dev.assent.server.credential.CredentialStore;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.secrets.SecretSealer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** Push credentials in SQL; the key material is one JSON document in {@code secret}. */
public final class JdbcCredentialStore implements CredentialStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "sid, account_sid, friendly_name, type, sandbox, secret, created_at, updated_at";

    private static final SealedColumn SECRET = SealedColumn.CREDENTIAL_SECRET;

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    public JdbcCredentialStore(Database database, SecretSealer sealer) {
        this.jdbi = database.jdbi();
        this.sealer = sealer;
    }

    @Override
    public void insert(Credential credential) {
        jdbi.useHandle(h -> bind(h.createUpdate("INSERT INTO credentials (" + COLUMNS + ") VALUES (:sid, :account_sid, "
                + ":friendly_name, :type, :sandbox, :secret, :created_at, :updated_at)"), credential).execute());
    }

    @Override
    public Optional<Credential> find(Sid accountSid, Sid credentialSid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM credentials WHERE sid = :sid AND account_sid = :account")
                .bind("sid", credentialSid.value())
                .bind("account", accountSid.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public Page<Credential> list(Sid accountSid, PageRequest page) {
        return jdbi.withHandle(h -> Keyset.page(h, "SELECT " + COLUMNS + " FROM credentials WHERE account_sid = :account",
                Map.of("account", accountSid.value()), page, (rs, ctx) -> map(rs)));
    }

    @Override
    public boolean update(Credential credential) {
        return jdbi.withHandle(h -> bind(h.createUpdate("UPDATE credentials SET friendly_name = :friendly_name, sandbox = :sandbox, "
                + "secret = :secret, updated_at = :updated_at WHERE sid = :sid AND account_sid = :account_sid AND type = :type"),
                credential).execute()) == 1;
    }

    @Override
    public boolean delete(Sid accountSid, Sid credentialSid) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM credentials WHERE sid = :sid AND account_sid = :account")
                .bind("sid", credentialSid.value())
                .bind("account", accountSid.value())
                .execute()) == 1;
    }

    private <S extends SqlStatement<S>> S bind(S statement, Credential c) {
        return statement
                .bind("sid", c.sid().value())
                .bind("account_sid", c.accountSid().value())
                .bind("friendly_name", c.friendlyName().orElse(null))
                .bind("type", c.type().wireName())
                .bind("sandbox", c.sandbox() ? 1 : 0)
                .bind("secret", sealer.seal(secretJson(c.secret()), SECRET.associatedData(c.sid().value())))
                .bind("created_at", c.dateCreated().toEpochMilli())
                .bind("updated_at", c.dateUpdated().toEpochMilli());
    }

    private static String secretJson(CredentialSecret secret) {
        ObjectNode node = JSON.createObjectNode();
        switch (secret) {
            case CredentialSecret.ApnsCertificate s -> node.put("kind", "apns_certificate")
                    .put("certificate", s.certificatePem()).put("private_key", s.privateKeyPem());
            case CredentialSecret.ApnsToken s -> node.put("kind", "apns_token")
                    .put("signing_key", s.signingKeyPem()).put("key_id", s.keyId()).put("team_id", s.teamId());
            case CredentialSecret.FcmServiceAccount s -> node.put("kind", "fcm_service_account").put("json", s.json());
        }
        return node.toString();
    }

    private Credential map(ResultSet rs) throws SQLException {
        JsonNode secret;
        try {
            secret = JSON.readTree(sealer.open(rs.getString("secret"), SECRET.associatedData(rs.getString("sid"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable credential secret of " + rs.getString("sid"));
        }
        CredentialSecret parsed = switch (secret.path("kind").asText()) {
            case "apns_certificate" -> new CredentialSecret.ApnsCertificate(secret.get("certificate").asText(),
                    secret.get("private_key").asText());
            case "apns_token" -> new CredentialSecret.ApnsToken(secret.get("signing_key").asText(), secret.get("key_id").asText(),
                    secret.get("team_id").asText());
            case "fcm_service_account" -> new CredentialSecret.FcmServiceAccount(secret.get("json").asText());
            default -> throw new IllegalStateException("unknown credential kind of " + rs.getString("sid"));
        };
        return new Credential(
                new Sid(SidType.CREDENTIAL, rs.getString("sid")),
                new Sid(SidType.ACCOUNT, rs.getString("account_sid")),
                Optional.ofNullable(rs.getString("friendly_name")),
                rs.getInt("sandbox") != 0,
                parsed,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
