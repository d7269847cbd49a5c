package dev.assent.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.security.RequestValidator;
import dev.assent.server.AssentServer;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.secrets.EncryptionKeys;
import dev.assent.server.secrets.SecretSealer;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.SealedColumn;
import dev.assent.server.storage.SealedSecrets;
import dev.assent.server.totp.Base32;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest, as someone holding a copy of the database sees them: sealed, bound to their rows,
 * re-sealed under a new key while the server serves, and refused under the wrong key.
 */
abstract class SecretsAtRestContract extends WebhookFixture {

    /** Everything a copy of the database holds, as bytes (the files, or every text column). */
    abstract byte[] storedBytes();

    /** Runs one statement on the database under test, as an attacker with write access would. */
    void execute(String sql, Object... args) {
        database.jdbi().useHandle(h -> h.execute(sql, args));
    }

    String one(String sql, Object... args) {
        return database.jdbi().withHandle(h -> h.select(sql, args).mapTo(String.class).one());
    }

    void restart(EncryptionKeys keys) {
        server.close();
        database = reopenDatabase();
        server = AssentServer.start(config().withSettings(settings().withEncryption(keys)), database, clock);
        http = new Http(server.publicBase());
    }

    ServerConfig config() {
        return new ServerConfig("127.0.0.1", 0, tempDir, Optional.empty(), Optional.empty());
    }

    @Test
    void theDatabaseHoldsNoneOfTheSecretsWritten() {
        String service = createService();
        String[] totp = verifiedTotpFactor(service, "user-alice");
        String signingKey = PushTestKeys.p8SigningKey();
        Http.Reply credential = http.post(auth, "/v1/Credentials", params("Type", "apn", "PrivateKey", signingKey,
                "ApnKeyId", "ABC123DEFG", "ApnTeamId", "TEAM123456"));
        assertThat(credential.status()).as(credential.raw().body()).isEqualTo(201);
        Http.Reply token = http.post(auth, "/v2/Services/" + service + "/AccessTokens", params("Identity", "user-bob1", "FactorType", "push"));
        assertThat(token.status()).as(token.raw().body()).isEqualTo(201);
        String pemBody = signingKey.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        Http.Reply secondary = http.post(auth, "/v1/AuthTokens/Secondary", params());
        assertThat(secondary.status()).as(secondary.raw().body()).isEqualTo(201);
        String secondaryToken = secondary.text("secondary_auth_token");

        byte[] stored = storedBytes();
        assertThat(contains(stored, "auth_token".getBytes(StandardCharsets.UTF_8))).as("the search sees the schema").isTrue();
        for (String secret : List.of(account.authToken().reveal(), secondaryToken, totp[1], pemBody.substring(0, 40),
                token.text("token"))) {
            assertThat(contains(stored, secret.getBytes(StandardCharsets.UTF_8))).as("a secret in the stored bytes").isFalse();
        }
        assertThat(contains(stored, Base32.decode(totp[1]))).as("the raw TOTP seed in the stored bytes").isFalse();
        assertThat(one("SELECT auth_token FROM accounts WHERE sid = ?", account.sid().value())).startsWith("$v1$test1$");
        assertThat(one("SELECT secondary_auth_token FROM accounts WHERE sid = ?", account.sid().value())).startsWith("$v1$test1$");
        // The secondary still authenticates, so it was sealed and opens for its own row and column.
        assertThat(http.get(Http.basic(account.sid().value(), secondaryToken), "/v2/Services").status()).isEqualTo(200);
        // What was sealed still reads back: the factor verifies, the token fetches.
        assertThat(http.get(auth, "/v2/Services/" + service + "/AccessTokens/" + token.text("sid")).text("token"))
                .isEqualTo(token.text("token"));
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotOpen() {
        String service = createService();
        String[] alice = verifiedTotpFactor(service, "user-alice");
        String[] bob = verifiedTotpFactor(service, "user-bob1");
        execute("UPDATE factors SET totp_secret = (SELECT totp_secret FROM factors WHERE sid = ?) WHERE sid = ?", alice[0], bob[0]);
        clock.advance(Duration.ofSeconds(60));

        // Bob's row now holds Alice's seed, sealed for Alice's row: neither her code nor his passes.
        for (String seed : List.of(alice[1], bob[1])) {
            Http.Reply reply = http.post(auth, entityPath(service, "user-bob1") + "/Challenges",
                    params("FactorSid", bob[0], "AuthPayload", code(seed, clock.instant())));
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(500);
        }
        Http.Reply aliceStill = http.post(auth, entityPath(service, "user-alice") + "/Challenges",
                params("FactorSid", alice[0], "AuthPayload", code(alice[1], clock.instant())));
        assertThat(aliceStill.text("status")).isEqualTo("approved");

        // An account's sealed token copied into another account: that account cannot authenticate with it.
        var other = server.accounts().create();
        execute("UPDATE accounts SET auth_token = (SELECT auth_token FROM accounts WHERE sid = ?) WHERE sid = ?",
                account.sid().value(), other.sid().value());
        assertThat(http.get(Http.basic(other.sid().value(), account.authToken().reveal()), "/v2/Services").status()).isNotEqualTo(200);
        assertThat(http.get(Http.basic(other.sid().value(), other.authToken().reveal()), "/v2/Services").status()).isNotEqualTo(200);
    }

    @Test
    void rotationWhileServingLosesNothing() throws Exception {
        String service = createService();
        createWebhook(service, "/hook", "factor.verified");
        List<String[]> factors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            factors.add(verifiedTotpFactor(service, "user-000" + i));
        }
        // Step 1, a rolling restart: the new key becomes active, the old one stays to open what it sealed.
        String k2 = TestKeys.entry("k2");
        EncryptionKeys both = EncryptionKeys.parse(k2 + "," + encryptionKeyEntry, "test");
        await("deliveries before the restart", () -> receiver.received("/hook").size() == factors.size());
        restart(both);
        // Step 2, rotate from a second process while requests create and verify factors.
        try (Database beside = reopenDatabase()) {
            SealedSecrets rotation = new SealedSecrets(beside, new SecretSealer(both));
            CompletableFuture<SealedSecrets.Resealed> rotated = CompletableFuture.supplyAsync(rotation::rotate);
            for (int i = 0; i < 200 && (i < 5 || !rotated.isDone()); i++) {
                factors.add(verifiedTotpFactor(service, "during-00" + i));
            }
            assertThat(rotated.get(60, TimeUnit.SECONDS).resealed()).isPositive();
            rotation.rotate(); // a row written under the old key meanwhile would be picked up here
            Map<SealedColumn, Map<String, Long>> status = rotation.status();
            status.values().forEach(byKey -> assertThat(byKey.keySet()).allMatch("k2"::equals));
            assertThat(status.get(SealedColumn.FACTOR_TOTP_SECRET).get("k2")).isEqualTo(factors.size());
        }
        await("deliveries before the restart", () -> receiver.received("/hook").size() == factors.size());
        // Step 3, the old key retired: everything still opens.
        restart(EncryptionKeys.parse(k2, "test"));
        clock.advance(Duration.ofSeconds(60));
        for (String[] factor : factors) {
            String identity = one("SELECT identity FROM factors WHERE sid = ?", factor[0]);
            Http.Reply reply = http.post(auth, entityPath(service, identity) + "/Challenges",
                    params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant())));
            assertThat(reply.text("status")).as(reply.raw().body()).isEqualTo("approved");
        }
        assertThat(http.get(auth, "/v2/Services/" + service).status()).isEqualTo(200);
        // Webhooks are signed with the auth token, re-sealed twice by now: every delivery, before and
        // after, validates with the token the account was created with.
        factors.add(verifiedTotpFactor(service, "after-0001"));
        await("a delivery per verified factor", () -> receiver.received("/hook").size() == factors.size());
        RequestValidator validator = new RequestValidator(account.authToken().reveal());
        for (WebhookReceiver.Received r : receiver.received("/hook")) {
            assertThat(validator.validate(receiver.url("/hook"), r.params(), r.headers().get("x-twilio-signature"))).isTrue();
        }
    }

    @Test
    void plaintextRowsOfAnOlderDatabaseAreSealedOnFirstStart() {
        String service = createService();
        String[] factor = verifiedTotpFactor(service, "user-alice");
        // As an Assent before sealing wrote them.
        execute("UPDATE accounts SET auth_token = ? WHERE sid = ?", account.authToken().reveal(), account.sid().value());
        execute("UPDATE factors SET totp_secret = ? WHERE sid = ?", factor[1], factor[0]);

        restart(encryptionKeys);

        assertThat(one("SELECT auth_token FROM accounts WHERE sid = ?", account.sid().value())).startsWith("$v1$test1$");
        assertThat(one("SELECT totp_secret FROM factors WHERE sid = ?", factor[0])).startsWith("$v1$test1$");
        assertThat(contains(storedBytes(), factor[1].getBytes(StandardCharsets.UTF_8))).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(http.post(auth, entityPath(service, "user-alice") + "/Challenges",
                params("FactorSid", factor[0], "AuthPayload", code(factor[1], clock.instant()))).text("status")).isEqualTo("approved");
    }

    @Test
    void aWrongKeyStopsTheStartAndChangesNothing() {
        String service = createService();
        verifiedTotpFactor(service, "user-alice");
        server.close();
        database = reopenDatabase();
        String before = dump();
        Database reopened = reopenDatabase();
        assertThatThrownBy(() -> AssentServer.start(config().withSettings(settings().withEncryption(EncryptionKeys.generate("test1"))),
                reopened, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot open the stored secrets");
        assertThatThrownBy(() -> AssentServer.start(config().withSettings(settings().withEncryption(EncryptionKeys.NONE)),
                reopenDatabase(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ASSENT_ENCRYPTION_KEYS");
        assertThat(dump()).isEqualTo(before);
        server = AssentServer.start(config().withSettings(settings()), database, clock);
    }

    /** Every sealed value, in a fixed order. */
    private String dump() {
        StringBuilder out = new StringBuilder();
        for (String sql : List.of("SELECT sid || auth_token FROM accounts ORDER BY sid", "SELECT sid || totp_secret FROM factors ORDER BY sid",
                "SELECT name || secret FROM signing_keys ORDER BY name")) {
            database.jdbi().useHandle(h -> h.select(sql).mapTo(String.class).forEach(v -> out.append(v).append('\n')));
        }
        return out.toString();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
